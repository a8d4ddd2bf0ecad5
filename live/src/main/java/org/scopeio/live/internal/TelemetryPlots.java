package org.scopeio.live.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scopeio.telemetry.SampleRange;
import org.scopeio.telemetry.TelemetryBuffer;

/**
 * The plot data of the live view: for each plotted signal, about {@code points} records over the
 * last {@code seconds} of the telemetry buffer, each the mean, minimum, maximum and sum of its
 * samples, computed from the buffer's reductions without touching the recording.
 */
public final class TelemetryPlots {
  /** The signals the page plots. */
  public static final List<String> SIGNALS =
      List.of(
          "interval_device_ms",
          "interval_host_ms",
          "pixel_mean",
          "dropped",
          "missing_buffers",
          "padded_pixels",
          "battery_voltage");

  private final TelemetryBuffer buffer;

  public TelemetryPlots(TelemetryBuffer buffer) {
    this.buffer = buffer;
  }

  /**
   * Series over the last {@code seconds} (in samples at the buffer's nominal rate), at most {@code
   * points} records each. Times are seconds since the first frame at the nominal rate, for the
   * middle of each record; statistics of records without samples are {@code null}.
   */
  public Map<String, Object> series(int seconds, int points) {
    SampleRange held = buffer.sampleIdRange();
    long end = held.end();
    long window = Math.max(1, Math.round(seconds * buffer.sampleRate()));
    // keep clear of the oldest entries, which the recording thread overwrites next
    long oldest = held.start() == 0 ? 0 : held.start() + buffer.capacity() / 8;
    long start = Math.max(oldest, end - window);
    long increment = Math.max(1, (end - start + points - 1) / Math.max(1, points));
    int n = (int) ((end - start) / increment);
    start = end - n * increment; // records end at the newest sample
    double[] out = new double[Math.max(1, n) * TelemetryBuffer.FIELDS];
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rate", buffer.sampleRate());
    result.put("start", start);
    result.put("end", end);
    result.put("increment", increment);
    List<Double> t = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      t.add((start + i * increment + increment / 2.0) / buffer.sampleRate());
    }
    result.put("t", t);
    Map<String, Object> series = new LinkedHashMap<>();
    for (String signal : SIGNALS) {
      int records =
          n == 0 ? 0 : buffer.data(buffer.signalIndex(signal), start, end, increment, out);
      List<Double> mean = new ArrayList<>(records);
      List<Double> min = new ArrayList<>(records);
      List<Double> max = new ArrayList<>(records);
      List<Double> sum = new ArrayList<>(records);
      for (int i = 0; i < records; i++) {
        int at = i * TelemetryBuffer.FIELDS;
        double count = out[at + TelemetryBuffer.COUNT];
        boolean empty = count == 0;
        mean.add(empty ? null : finite(out[at + TelemetryBuffer.MEAN]));
        min.add(empty ? null : finite(out[at + TelemetryBuffer.MIN]));
        max.add(empty ? null : finite(out[at + TelemetryBuffer.MAX]));
        sum.add(empty ? null : finite(out[at + TelemetryBuffer.MEAN] * count));
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("mean", mean);
      s.put("min", min);
      s.put("max", max);
      s.put("sum", sum);
      series.put(signal, s);
    }
    result.put("series", series);
    return result;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
