package org.scopeio.telemetry;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the finest reduction level of a {@link TelemetryBuffer} as CSV: one row per level-0 entry
 * ({@code samples per entry} raw samples), appended as entries complete, so a recording of any
 * length is written whole with constant memory; {@link #close()} adds a last row for the samples
 * after the last complete entry. Columns: {@code first_sample, samples}, then {@code <signal>_mean,
 * <signal>_min, <signal>_max} for each signal: the mean, least and largest value of the signal over
 * the row's samples (so {@code pixel_mean_max} is the brightest frame's mean pixel value), empty
 * when the row has no valid sample. Values are written with six significant digits, exactly as
 * {@code String.format(Locale.ROOT, "%.6g", v)} writes them ({@link #appendSixDigits}). Each row is
 * handed to the operating system when written.
 *
 * <p>Call {@link #update()} from the thread that inserts (after inserting), or from any thread at
 * least once per buffer capacity.
 */
public final class TelemetryCsv implements Closeable {
  private final TelemetryBuffer buffer;
  private final BufferedWriter out;
  private final long perRow;
  private final double[] stats = new double[TelemetryBuffer.FIELDS];
  private long next;
  private boolean closed;

  /** Creates {@code file} (replacing it) and writes the header row. */
  public TelemetryCsv(TelemetryBuffer buffer, Path file) throws IOException {
    this.buffer = buffer;
    this.perRow = buffer.reductions().length > 0 ? buffer.samplesPerEntry(0) : 1;
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder("first_sample,samples");
    for (String s : buffer.signals()) {
      h.append(',').append(s).append("_mean,").append(s).append("_min,").append(s).append("_max");
    }
    out.write(h.append('\n').toString());
    out.flush();
  }

  /** Appends a row for every entry completed since the last call. */
  public void update() throws IOException {
    long end = buffer.sampleCount();
    while (next + perRow <= end) {
      row(next, next + perRow);
      next += perRow;
    }
  }

  private void row(long from, long to) throws IOException {
    StringBuilder r = new StringBuilder(32 + 40 * buffer.signals().size());
    SampleRange range = null;
    List<String> signals = buffer.signals();
    for (int g = 0; g < signals.size(); g++) {
      range = buffer.statistics(g, from, to, stats, 0);
      if (g == 0) {
        r.append(range.start()).append(',').append(range.length());
      }
      for (int f : new int[] {TelemetryBuffer.MEAN, TelemetryBuffer.MIN, TelemetryBuffer.MAX}) {
        r.append(',');
        if (stats[TelemetryBuffer.COUNT] > 0) {
          appendSixDigits(r, stats[f]);
        }
      }
    }
    if (range != null && range.length() > 0) {
      out.write(r.append('\n').toString());
      out.flush(); // a killed recording keeps every completed row
    }
  }

  private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_UP);

  /**
   * Appends {@code v} as {@code String.format(Locale.ROOT, "%.6g", v)} does, without the Formatter:
   * its pattern parsing and locale lookups cost a telemetry row more than computing it, and kept
   * the JIT compiling them through the first seconds of a conversion (README, Performance). The
   * shortest decimal digits of {@code v} rounded half-up to six significant digits; plain notation
   * from 10^-4 up to 10^6, else {@code d.ddddde±XX}.
   */
  static void appendSixDigits(StringBuilder out, double v) {
    if (Double.isNaN(v)) {
      out.append("NaN");
      return;
    }
    if (Double.compare(v, 0.0) < 0) {
      out.append('-'); // -0.0 too, as the Formatter writes it
    }
    double a = Math.abs(v);
    if (Double.isInfinite(a)) {
      out.append("Infinity");
      return;
    }
    if (a == 0) {
      out.append("0.00000");
      return;
    }
    BigDecimal d = new BigDecimal(Double.toString(a)).round(SIX);
    int exponent = d.precision() - d.scale() - 1;
    if (exponent >= -4 && exponent < 6) {
      out.append(d.setScale(5 - exponent, RoundingMode.UNNECESSARY).toPlainString());
      return;
    }
    out.append(d.movePointLeft(exponent).setScale(5, RoundingMode.UNNECESSARY).toPlainString());
    out.append('e').append(exponent < 0 ? '-' : '+');
    int e = Math.abs(exponent);
    if (e < 10) {
      out.append('0');
    }
    out.append(e);
  }

  /** Writes the remaining rows, including a last partial one, and closes the file. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      update();
      long end = buffer.sampleCount();
      if (next < end) {
        row(next, end);
        next = end;
      }
    } finally {
      out.close();
    }
  }
}
