package org.scopeio.examples.camera;

import java.util.List;
import java.util.Set;
import org.scopeio.api.ConfigType;
import org.scopeio.api.spi.DeviceOption;

/**
 * Config of the {@code packed10} camera (model {@code packed10-camera}; packaged: {@code
 * packed10-demo}). Every key may also be a device option ({@code -O frames=50}): Scopeio applies it
 * over the config before binding, so it is checked by this record's constructor like the rest.
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

  /** The device options: every key of this config, checked as the config's values are. */
  public static final List<DeviceOption> OPTIONS =
      List.of(
          new DeviceOption(
              "source", "test-pattern or file:PATH", "test-pattern", "where frames come from"),
          new DeviceOption("width", "4 to 8192, a multiple of 4", "320", "columns"),
          new DeviceOption("height", "1 to 8192", "240", "rows"),
          new DeviceOption("fs", "0.001 to 10000", "30", "frames per second"),
          new DeviceOption(
              "frames", "0 to 10^9", "300", "frames of the test pattern; 0 for endless"));

  public Packed10Config {
    source = source == null ? "test-pattern" : source;
    width = width == null ? 320 : width;
    height = height == null ? 240 : height;
    fs = fs == null ? 30.0 : fs;
    frames = frames == null ? 300L : frames;
    if (width < 4 || width > 8192 || width % 4 != 0) {
      throw new IllegalArgumentException(
          "'width' must be a multiple of 4 from 4 to 8192, got " + width);
    }
    if (height < 1 || height > 8192) {
      throw new IllegalArgumentException("'height' must be 1 to 8192, got " + height);
    }
    if (!(fs >= 0.001 && fs <= 10_000)) {
      throw new IllegalArgumentException("'fs' must be 0.001 to 10000, got " + fs);
    }
    if (frames < 0 || frames > 1_000_000_000L) {
      throw new IllegalArgumentException("'frames' must be 0 (endless) to 10^9, got " + frames);
    }
    if (!source.equals("test-pattern") && !source.startsWith("file:")) {
      throw new IllegalArgumentException(
          "source must be test-pattern or file:PATH, got '" + source + "'");
    }
  }
}
