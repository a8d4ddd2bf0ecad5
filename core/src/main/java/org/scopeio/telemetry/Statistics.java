package org.scopeio.telemetry;

/**
 * Statistics of one signal over a range of samples. NaN samples are not part of the statistics;
 * they are counted as {@code missing}. Without samples, mean, variance, min and max are NaN.
 *
 * @param count samples that are not NaN
 * @param mean their mean
 * @param variance their population variance
 * @param min smallest sample
 * @param max largest sample
 * @param missing NaN samples
 * @param range the samples actually covered (the request clamped to what the buffer holds)
 */
public record Statistics(
    long count,
    double mean,
    double variance,
    double min,
    double max,
    long missing,
    SampleRange range) {

  /**
   * Reads the statistics from {@code fields} at {@code offset} ({@link TelemetryBuffer#FIELDS}).
   */
  static Statistics of(double[] fields, int offset, SampleRange range) {
    return new Statistics(
        (long) fields[offset + TelemetryBuffer.COUNT],
        fields[offset + TelemetryBuffer.MEAN],
        fields[offset + TelemetryBuffer.VARIANCE],
        fields[offset + TelemetryBuffer.MIN],
        fields[offset + TelemetryBuffer.MAX],
        (long) fields[offset + TelemetryBuffer.MISSING],
        range);
  }

  /** Standard deviation (population). */
  public double std() {
    return Math.sqrt(variance);
  }
}
