package org.scopeio.simulator;

/**
 * A small, fast pseudo-random generator (SplitMix64) whose output is fully defined by its seed on
 * every JVM, so simulated data are reproducible byte for byte. Not thread-safe.
 */
public final class SplitMix64 {
  private long state;

  public SplitMix64(long seed) {
    this.state = seed;
  }

  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    return (int) (((nextLong() >>> 33) * bound) >>> 31);
  }

  /** Standard normal (Box-Muller). */
  public double nextGaussian() {
    double u1 = nextDouble();
    double u2 = nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** A generator for an independent stream derived from this one. */
  public SplitMix64 split() {
    return new SplitMix64(nextLong());
  }
}
