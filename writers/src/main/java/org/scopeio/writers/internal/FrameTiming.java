package org.scopeio.writers.internal;

import org.scopeio.api.Frame;

/**
 * The time of each frame relative to the first, and the frame rate measured over a recording: from
 * the device's timestamps when every frame carries one, otherwise from the host's monotonic clock.
 *
 * <p>The rate is robust to a few wrong timestamps (a zeroed or corrupt one on a card, a stalled
 * host): it comes from the frame intervals within half to twice their median, each interval spread
 * over the frames lost in it. Memory grows with the distinct intervals (in 10 µs steps), which a
 * steady device keeps to a handful.
 */
public final class FrameTiming {
  private long frames;
  private long lostPending;
  private boolean deviceClock = true;
  private long firstDeviceMillis;
  private long lastDeviceMillis;
  private long firstHostNanos;
  private long lastHostNanos;

  /** Per-frame interval in 10 µs steps on each clock, to the frames it covers. */
  private final java.util.Map<Long, Long> deviceIntervals = new java.util.HashMap<>();

  private final java.util.Map<Long, Long> hostIntervals = new java.util.HashMap<>();

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
      long covered = 1 + lostPending;
      if (deviceMillis >= 0 && lastDeviceMillis >= 0) {
        count(deviceIntervals, (deviceMillis - lastDeviceMillis) * 100 / covered, covered);
      }
      count(hostIntervals, (hostNanos - lastHostNanos) / 10_000 / covered, covered);
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
    return rate(usesDeviceClock() ? deviceIntervals : hostIntervals);
  }

  private static void count(java.util.Map<Long, Long> intervals, long steps, long frames) {
    if (steps >= 0) {
      intervals.merge(steps, frames, Long::sum);
    }
  }

  /** Frames per second from the intervals within half to twice the median one. */
  private static double rate(java.util.Map<Long, Long> intervals) {
    java.util.TreeMap<Long, Long> sorted = new java.util.TreeMap<>(intervals);
    long total = 0;
    for (long c : sorted.values()) {
      total += c;
    }
    long seen = 0;
    long median = -1;
    for (java.util.Map.Entry<Long, Long> e : sorted.entrySet()) {
      seen += e.getValue();
      if (2 * seen >= total) {
        median = e.getKey();
        break;
      }
    }
    if (median <= 0) {
      return Double.NaN;
    }
    long frameCount = 0;
    long steps = 0;
    for (java.util.Map.Entry<Long, Long> e :
        sorted.subMap(median / 2, true, median * 2, true).entrySet()) {
      frameCount += e.getValue();
      steps += e.getKey() * e.getValue();
    }
    return steps > 0 ? frameCount * 100_000.0 / steps : Double.NaN;
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
