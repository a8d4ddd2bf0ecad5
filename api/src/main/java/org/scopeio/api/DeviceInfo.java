package org.scopeio.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an open device delivers: the frame geometry and pixel type every frame shares, the nominal
 * frame rate, and the buffer header format of its frames. Writers receive it when they open.
 *
 * @param deviceType the provider type, e.g. {@code simulated}
 * @param description a one-line description for people (model, file, port)
 * @param width columns per frame
 * @param height rows per frame
 * @param pixelType pixel storage
 * @param frameRate nominal frames per second; {@code NaN} if unknown
 * @param headerFormat format of the frames' buffer headers; {@code null} if frames carry none
 * @param properties further facts worth recording with the data (settings read from the device)
 * @param frameCount frames the device will give before its end of data (a card's frame range, a
 *     file's frames), or {@code -1} when unknown or endless; progress displays use it
 * @param pace whether frames come at the device's pace or when asked for
 */
public record DeviceInfo(
    String deviceType,
    String description,
    int width,
    int height,
    PixelType pixelType,
    double frameRate,
    BufferHeaderFormat headerFormat,
    Map<String, String> properties,
    long frameCount,
    Pace pace) {

  public DeviceInfo {
    Objects.requireNonNull(deviceType, "deviceType");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(pixelType, "pixelType");
    Objects.requireNonNull(pace, "pace");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "frame size must be positive, got " + width + "x" + height);
    }
    properties = Map.copyOf(properties);
    if (frameCount < -1) {
      throw new IllegalArgumentException("frame count must be >= 0, or -1 if unknown");
    }
  }

  /**
   * Frames per second assumed where a rate is needed (video players, telemetry windows) and neither
   * the device nor the frames' timestamps give one: 20, the miniscopes' usual rate.
   */
  public static final double ASSUMED_FRAME_RATE = 20.0;

  /** The header format, if frames carry buffer headers. */
  public Optional<BufferHeaderFormat> findHeaderFormat() {
    return Optional.ofNullable(headerFormat);
  }

  /** Whether the nominal frame rate is known. */
  public boolean hasFrameRate() {
    return !Double.isNaN(frameRate) && frameRate > 0;
  }

  /** The nominal frame rate if it is known, else {@code fallback}. */
  public double frameRateOr(double fallback) {
    return hasFrameRate() ? frameRate : fallback;
  }
}
