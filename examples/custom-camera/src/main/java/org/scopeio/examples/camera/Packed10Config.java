package org.scopeio.examples.camera;

import java.util.Map;
import java.util.Set;
import org.scopeio.api.ConfigException;
import org.scopeio.api.config.ConfigType;

/**
 * Config of the {@code packed10} camera (model {@code packed10-camera}; packaged: {@code
 * packed10-demo}). Every key may also be a device option ({@code -O frames=50}).
 *
 * @param source {@code test-pattern} (a moving gradient, packed and unpacked like real data) or
 *     {@code file:PATH} (frames of packed bytes, one after another)
 * @param width columns (a multiple of 4)
 * @param height rows
 * @param fs frames per second
 * @param frames frames of the test pattern
 */
public record Packed10Config(String source, Integer width, Integer height, Double fs, Long frames) {
  /** The config type. */
  public static final ConfigType<Packed10Config> TYPE =
      ConfigType.bound("packed10-camera", Packed10Config.class, Set.of(), Set.of());

  /** The packaged config. */
  public static final String DEFAULT_ID = "packed10-demo";

  /** Keys accepted as device options. */
  public static final Set<String> OPTION_KEYS = Set.of("source", "width", "height", "fs", "frames");

  public Packed10Config {
    source = source == null ? "test-pattern" : source;
    width = width == null ? 320 : width;
    height = height == null ? 240 : height;
    fs = fs == null ? 30.0 : fs;
    frames = frames == null ? 300L : frames;
    if (width <= 0 || width % 4 != 0) {
      throw new IllegalArgumentException("width must be a positive multiple of 4, got " + width);
    }
    if (height <= 0) {
      throw new IllegalArgumentException("height must be positive, got " + height);
    }
    if (!(fs > 0)) {
      throw new IllegalArgumentException("fs must be positive, got " + fs);
    }
    if (!source.equals("test-pattern") && !source.startsWith("file:")) {
      throw new IllegalArgumentException(
          "source must be test-pattern or file:PATH, got '" + source + "'");
    }
  }

  /** This config with device options applied. */
  public Packed10Config withOptions(Map<String, String> o) {
    try {
      return new Packed10Config(
          o.getOrDefault("source", source),
          o.containsKey("width") ? Integer.valueOf(o.get("width")) : width,
          o.containsKey("height") ? Integer.valueOf(o.get("height")) : height,
          o.containsKey("fs") ? Double.valueOf(o.get("fs")) : fs,
          o.containsKey("frames") ? Long.valueOf(o.get("frames")) : frames);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("device 'packed10' options", null, e.getMessage(), e);
    }
  }
}
