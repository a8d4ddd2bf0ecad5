package org.scopeio.live.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The parameters of a request's query string, with defaults and bounds. */
public final class Query {
  private final Map<String, String> values = new HashMap<>();

  public Query(URI uri) {
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
  }

  /** The parameters in a fixed order, as a cache key. */
  @Override
  public String toString() {
    return new java.util.TreeMap<>(values).toString();
  }

  public String text(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /**
   * The integer {@code key} clamped to {@code [min, max]}, or {@code fallback} when absent.
   *
   * @throws IllegalArgumentException if it is present and not an integer
   */
  public int integer(String key, int fallback, int min, int max) {
    String v = values.get(key);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      return (int) Math.max(min, Math.min(max, Long.parseLong(v.trim())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
    }
  }
}
