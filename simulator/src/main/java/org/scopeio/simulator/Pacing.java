package org.scopeio.simulator;

import java.util.Locale;

/** How fast a simulated source delivers data. */
public enum Pacing {
  /** At the configured frame rate, from its own thread, like a real camera. */
  REAL_TIME,
  /** As fast as the consumer asks, on the consumer's thread (tests, benchmarks). */
  AS_FAST_AS_POSSIBLE;

  /** Parses {@code real-time} or {@code as-fast-as-possible} (also with underscores). */
  public static Pacing fromId(String id) {
    String n = id.trim().replace('-', '_').toUpperCase(Locale.ROOT);
    for (Pacing p : values()) {
      if (p.name().equals(n)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown pacing '" + id + "'; expected real-time or as-fast-as-possible");
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
