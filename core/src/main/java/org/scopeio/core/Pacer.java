package org.scopeio.core;

/**
 * Releases units (frames, bytes, seconds of a recording) no faster than a fixed rate, counted from
 * the first time it is asked: unit {@code k} is due {@code k / rate} seconds after that. The one
 * clock behind every {@link Pacing#REAL_TIME} source: the simulated device, the simulator's stream
 * encoder, the raw device and paced capture files. Not thread-safe; one producer uses it.
 */
public final class Pacer {
  private final double unitsPerSecond;
  private long start = -1;

  private Pacer(double unitsPerSecond) {
    if (!(unitsPerSecond > 0) || Double.isInfinite(unitsPerSecond)) {
      throw new IllegalArgumentException("rate must be > 0 and finite, got " + unitsPerSecond);
    }
    this.unitsPerSecond = unitsPerSecond;
  }

  /** A pacer releasing {@code unitsPerSecond} units a second. */
  public static Pacer perSecond(double unitsPerSecond) {
    return new Pacer(unitsPerSecond);
  }

  /** Starts the clock now if it has not started. */
  private long startedAt(long now) {
    if (start < 0) {
      start = now;
    }
    return start;
  }

  /** Nanoseconds from now until unit {@code k} is due; zero or less if it is due already. */
  public long nanosUntil(double k) {
    long now = System.nanoTime();
    return startedAt(now) + (long) (k * 1e9 / unitsPerSecond) - now;
  }

  /** How many units are due by now (the clock starts at the first call). */
  public long unitsDue() {
    long now = System.nanoTime();
    return (long) ((now - startedAt(now)) / 1e9 * unitsPerSecond);
  }

  /** Sleeps until unit {@code k} is due. */
  public void awaitDue(double k) throws InterruptedException {
    long wait = nanosUntil(k);
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
