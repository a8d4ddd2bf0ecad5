package org.scopeio.telemetry;

import java.util.List;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameIntegrity;
import org.scopeio.core.Recording;

/**
 * Turns each frame into one telemetry sample of {@link #SIGNALS} in a {@link TelemetryBuffer}:
 *
 * <ul>
 *   <li>{@code interval_device_ms}, {@code interval_host_ms}: time since the previous frame by the
 *       device's timestamps and by the host's clock (NaN for the first frame, or without device
 *       timestamps);
 *   <li>{@code pixel_mean}, {@code pixel_max}: the frame's mean and largest pixel value;
 *   <li>{@code dropped}: frames the device dropped since the previous frame; {@code
 *       missing_buffers}, {@code padded_pixels}: this frame's integrity;
 *   <li>{@code battery_voltage}, {@code input_voltage}: the first buffer header's {@code
 *       battery_voltage_raw} (or {@code battery_voltage}) and {@code input_voltage_raw} fields, in
 *       the device's raw units (NaN where the device has none);
 *   <li>{@code host_time_s}: host time since the first frame, so that reductions carry real times.
 * </ul>
 *
 * Used by {@link org.scopeio.core.Recording#telemetry}; {@link #accept} runs on the recording
 * thread.
 */
public final class FrameTelemetry implements Recording.Listener {
  /** The signals, in sample order. */
  public static final List<String> SIGNALS =
      List.of(
          "interval_device_ms",
          "interval_host_ms",
          "pixel_mean",
          "pixel_max",
          "dropped",
          "missing_buffers",
          "padded_pixels",
          "battery_voltage",
          "input_voltage",
          "host_time_s");

  /** Default reductions: 20 frames, then 100 of those, then 50 of those. */
  public static final int[] REDUCTIONS = {20, 100, 50};

  private final TelemetryBuffer buffer;
  private final double[] sample = new double[SIGNALS.size()];
  private long previousDeviceMillis = -1;
  private long previousHostNanos;
  private long firstHostNanos;
  private long previousDropped;
  private boolean first = true;
  private long frames;
  private long incompleteFrames;
  private long paddedPixels;
  private long suspectFrames;
  private long suspectPixels;
  private long recoveredBuffers;

  /** Telemetry into {@code buffer}, whose signals must be {@link #SIGNALS}. */
  public FrameTelemetry(TelemetryBuffer buffer) {
    if (!buffer.signals().equals(SIGNALS)) {
      throw new IllegalArgumentException(
          "a frame telemetry buffer has the signals " + SIGNALS + ", not " + buffer.signals());
    }
    this.buffer = buffer;
  }

  /**
   * Telemetry for {@code info}'s frames holding {@code capacity} frames, at the nominal frame rate
   * (20 frames/s when unknown), with the {@link #REDUCTIONS}.
   */
  public static FrameTelemetry forStream(DeviceInfo info, int capacity) {
    double rate = info.frameRateOr(DeviceInfo.ASSUMED_FRAME_RATE);
    return new FrameTelemetry(new TelemetryBuffer(SIGNALS, capacity, rate, REDUCTIONS));
  }

  /** The buffer the samples go to. */
  public TelemetryBuffer buffer() {
    return buffer;
  }

  @Override
  public void onFrame(Frame frame, DeviceCounters counters) {
    accept(frame, counters);
  }

  /** Adds the sample of {@code frame}; {@code counters} are the device's after it. */
  public void accept(Frame frame, DeviceCounters counters) {
    long device = frame.deviceTimestampMillis().orElse(-1);
    long host = frame.hostMonotonicNanos();
    if (first) {
      firstHostNanos = host;
    }
    sample[0] =
        first || device < 0 || previousDeviceMillis < 0
            ? Double.NaN
            : device - previousDeviceMillis;
    sample[1] = first ? Double.NaN : (host - previousHostNanos) / 1e6;
    Frame.PixelStats pixels = frame.pixelStats(); // one pass over the pixels
    sample[2] = (double) pixels.sum() / frame.pixelCount();
    sample[3] = pixels.max();
    sample[4] = counters.framesDropped() - previousDropped;
    sample[5] = frame.integrity().missingBuffers();
    sample[6] = frame.integrity().paddedPixels();
    sample[7] = Double.NaN;
    sample[8] = Double.NaN;
    if (!frame.headers().isEmpty()) {
      BufferHeader h = frame.headers().get(0);
      sample[7] = field(h, "battery_voltage_raw", "battery_voltage");
      sample[8] = field(h, "input_voltage_raw", null);
    }
    sample[9] = (host - firstHostNanos) / 1e9;
    buffer.insert(sample);
    frames++;
    FrameIntegrity integrity = frame.integrity();
    if (!integrity.isComplete()) {
      incompleteFrames++;
      paddedPixels += integrity.paddedPixels();
    }
    if (integrity.suspectPixels() > 0) {
      suspectFrames++;
      suspectPixels += integrity.suspectPixels();
    }
    recoveredBuffers += integrity.recoveredBuffers();
    previousDeviceMillis = device;
    previousHostNanos = host;
    previousDropped = counters.framesDropped();
    first = false;
  }

  /** Frames seen so far. */
  public long frames() {
    return frames;
  }

  /** Frames seen with lost data. */
  public long incompleteFrames() {
    return incompleteFrames;
  }

  /** Pixels padded with zeros in the frames with lost data. */
  public long paddedPixels() {
    return paddedPixels;
  }

  /** Frames with pixels decoded after a bit slip inside them. */
  public long suspectFrames() {
    return suspectFrames;
  }

  /** Pixels decoded after a bit slip inside them, over all frames. */
  public long suspectPixels() {
    return suspectPixels;
  }

  /** Buffers recovered after their preamble was lost, over all frames. */
  public long recoveredBuffers() {
    return recoveredBuffers;
  }

  /**
   * The mean of {@code signal} over the last second of {@code buffer} (its nominal rate's worth of
   * samples, at least one), or {@code NaN} without samples there.
   */
  public static double meanOverLastSecond(TelemetryBuffer buffer, String signal) {
    long end = buffer.sampleCount();
    long window = Math.max(1, (long) buffer.sampleRate());
    double[] stats = new double[TelemetryBuffer.FIELDS];
    buffer.statistics(buffer.signalIndex(signal), end - window, end, stats, 0);
    return stats[TelemetryBuffer.COUNT] > 0 ? stats[TelemetryBuffer.MEAN] : Double.NaN;
  }

  /**
   * Frames per second from the mean of the interval signal {@code interval_host_ms} or {@code
   * interval_device_ms} over the last second, or {@code NaN} when unknown.
   */
  public static double frameRateOverLastSecond(TelemetryBuffer buffer, String intervalSignal) {
    double ms = meanOverLastSecond(buffer, intervalSignal);
    return ms > 0 ? 1000 / ms : Double.NaN;
  }

  private static double field(BufferHeader h, String name, String alternative) {
    var v = h.find(name);
    if (v.isEmpty() && alternative != null) {
      v = h.find(alternative);
    }
    return v.isPresent() ? v.getAsLong() : Double.NaN;
  }
}
