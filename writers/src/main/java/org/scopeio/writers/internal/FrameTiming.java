package org.scopeio.writers.internal;

import org.scopeio.api.Frame;

/**
 * The time of each frame relative to the first, and the frame rate measured over a recording: from
 * the device's timestamps when every frame carries one, otherwise from the host's monotonic clock.
 * Constant memory.
 */
public final class FrameTiming {
  private long frames;
  private long lostBetween;
  private long lostPending;
  private boolean deviceClock = true;
  private long firstDeviceMillis;
  private long lastDeviceMillis;
  private long firstHostNanos;
  private long lastHostNanos;

  /** Adds one frame. */
  public void add(Frame frame) {
    add(frame.deviceTimestampMillis().orElse(-1), frame.hostMonotonicNanos());
  }

  /** Adds one frame given its device timestamp ({@code -1} if none) and host time. */
  public void add(long deviceMillis, long hostNanos) {
    if (frames == 0) {
      firstDeviceMillis = deviceMillis;
      firstHostNanos = hostNanos;
    } else {
      lostBetween += lostPending;
    }
    lostPending = 0;
    if (deviceMillis < 0) {
      deviceClock = false;
    }
    lastDeviceMillis = deviceMillis;
    lastHostNanos = hostNanos;
    frames++;
  }

  /**
   * Records {@code count} frames lost here; those between the first and the last frame count as
   * frame intervals in {@link #measuredFrameRate()}.
   */
  public void gap(long count) {
    lostPending += count;
  }

  /**
   * Seconds since the first frame of a frame with these times, on the clock the first frame chose
   * (device if it had a timestamp, else host).
   */
  public double secondsSinceFirst(long deviceMillis, long hostNanos) {
    if (firstDeviceMillis >= 0 && deviceMillis >= 0) {
      return (deviceMillis - firstDeviceMillis) / 1e3;
    }
    return (hostNanos - firstHostNanos) / 1e9;
  }

  /** Frames added. */
  public long frames() {
    return frames;
  }

  /** Whether every frame so far carried a device timestamp. */
  public boolean usesDeviceClock() {
    return frames > 0 && deviceClock;
  }

  /**
   * Frames per second of the device, measured from the first to the last frame (frames lost in
   * between count), or {@code NaN} with fewer than two frames or no elapsed time.
   */
  public double measuredFrameRate() {
    if (frames < 2) {
      return Double.NaN;
    }
    double seconds =
        usesDeviceClock()
            ? (lastDeviceMillis - firstDeviceMillis) / 1e3
            : (lastHostNanos - firstHostNanos) / 1e9;
    return seconds > 0 ? (frames - 1 + lostBetween) / seconds : Double.NaN;
  }

  /**
   * Where {@link #frameRateOr} got its rate: {@code device} or {@code host} when measured, else
   * {@code nominal} when the stream has a nominal rate, else {@code default}.
   */
  public String rateSource(boolean hasNominal) {
    if (!Double.isNaN(measuredFrameRate())) {
      return usesDeviceClock() ? "device" : "host";
    }
    return hasNominal ? "nominal" : "default";
  }

  /** The measured frame rate if known, else {@code nominal} (which may be {@code NaN}). */
  public double frameRateOr(double nominal) {
    double measured = measuredFrameRate();
    return Double.isNaN(measured) ? nominal : measured;
  }
}
