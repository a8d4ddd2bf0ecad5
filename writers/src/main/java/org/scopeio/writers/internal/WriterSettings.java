package org.scopeio.writers.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriterOptions;
import org.scopeio.core.EnumIds;
import org.scopeio.writers.SyncPolicy;

/**
 * The settings of one writer, read from {@link WriterOptions#settings()}: keys prefixed with the
 * writer's format ({@code avi.frames-per-file}) plus the keys every writer shares ({@code sync}).
 * Unknown keys of the writer's own prefix fail at open with the list of known keys.
 */
public final class WriterSettings {
  /** Keys every writer understands, written without a prefix. */
  public static final Set<String> COMMON_KEYS = Set.of(SyncPolicy.SETTING);

  private final String format;
  private final Map<String, String> values = new LinkedHashMap<>();

  private WriterSettings(String format) {
    this.format = format;
  }

  /**
   * The settings of {@code format} in {@code options}.
   *
   * @throws IllegalArgumentException if a key with this format's prefix is not in {@code known}
   */
  public static WriterSettings of(String format, WriterOptions options, Set<String> known) {
    WriterSettings s = new WriterSettings(format);
    String prefix = format + ".";
    for (Map.Entry<String, String> e : options.settings().entrySet()) {
      String key = e.getKey();
      if (key.startsWith(prefix)) {
        String own = key.substring(prefix.length());
        if (!known.contains(own)) {
          throw new IllegalArgumentException(
              "unknown setting '"
                  + key
                  + "' of format "
                  + format
                  + "; known: "
                  + (known.isEmpty() ? "none" : String.join(", ", prefixed(prefix, known))));
        }
        s.values.put(own, e.getValue());
      } else if (COMMON_KEYS.contains(key)) {
        s.values.put(key, e.getValue());
      }
    }
    return s;
  }

  private static Set<String> prefixed(String prefix, Set<String> keys) {
    Set<String> out = new TreeSet<>();
    keys.forEach(k -> out.add(prefix + k));
    return out;
  }

  /** How often written data is forced to the storage device ({@code sync}). */
  public SyncPolicy sync() {
    String v = values.get(SyncPolicy.SETTING);
    return v == null ? SyncPolicy.FRAME : EnumIds.parse(SyncPolicy.class, v, "sync policy");
  }

  /** A positive whole-number setting, or {@code fallback} when absent. */
  public long positiveLong(String key, long fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    long n;
    try {
      n = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "setting '" + format + "." + key + "' must be a whole number, got '" + v + "'");
    }
    if (n <= 0) {
      throw new IllegalArgumentException(
          "setting '" + format + "." + key + "' must be positive, got " + n);
    }
    return n;
  }

  /**
   * The conversion to 8-bit gray of frames of {@code type}, with the significant bits of 16-bit
   * frames from the {@code bits} setting (9 to 16, default 16), which 8-bit frames refuse.
   */
  public GrayConversion grayConversion(PixelType type) {
    if (values.containsKey("bits") && type == PixelType.UINT8) {
      throw new IllegalArgumentException(
          "setting '" + format + ".bits' applies to 16-bit frames only");
    }
    return new GrayConversion(type, intInRange("bits", 9, 16, 16));
  }

  /** A text setting, or {@code fallback} when absent. */
  public String text(String key, String fallback) {
    String v = values.get(key);
    return v == null ? fallback : v.trim();
  }

  /** One of {@code allowed} (lower case), or {@code fallback} when absent. */
  public String choice(String key, java.util.List<String> allowed, String fallback) {
    String v = text(key, fallback).toLowerCase(java.util.Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new IllegalArgumentException(
          "setting '"
              + format
              + "."
              + key
              + "' must be one of "
              + String.join(", ", allowed)
              + ", got '"
              + v
              + "'");
    }
    return v;
  }

  /** A whole-number setting within [{@code min}, {@code max}], or {@code fallback} when absent. */
  public int intInRange(String key, int min, int max, int fallback) {
    long n = fallback;
    String v = values.get(key);
    if (v != null) {
      try {
        n = Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "setting '" + format + "." + key + "' must be a whole number, got '" + v + "'");
      }
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          "setting '"
              + format
              + "."
              + key
              + "' must be between "
              + min
              + " and "
              + max
              + ", got "
              + n);
    }
    return (int) n;
  }
}
