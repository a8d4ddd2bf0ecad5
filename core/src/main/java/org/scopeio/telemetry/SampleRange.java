package org.scopeio.telemetry;

/**
 * Sample ids {@code start} (inclusive) to {@code end} (exclusive).
 *
 * @param start first sample id
 * @param end sample id after the last
 */
public record SampleRange(long start, long end) {
  /** Number of samples. */
  public long length() {
    return end - start;
  }
}
