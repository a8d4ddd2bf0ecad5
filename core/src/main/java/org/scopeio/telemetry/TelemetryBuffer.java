package org.scopeio.telemetry;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed-memory ring buffer of one or more named scalar signals sampled together, with multi-level
 * statistics, in the spirit of Joulescope's {@code TelemetryBuffer}.
 *
 * <p>The buffer holds the newest {@code capacity} raw samples of every signal. Reductions summarise
 * them: with factors {@code [20, 100, 50]}, a level-0 entry holds the statistics of 20 raw samples,
 * a level-1 entry those of 100 level-0 entries (2000 samples), a level-2 entry those of 50 level-1
 * entries. Each entry holds count, mean, variance (as the sum of squared deviations), min, max and
 * the number of missing (NaN) samples; entries are combined with the parallel formula of Chan,
 * Golub and LeVeque, never with naive sums of squares, and a level-0 entry is computed from its raw
 * samples in two passes. Statistics over any range are exact: whole entries of the coarsest level
 * that fits, and only the ragged edges from finer levels and raw samples.
 *
 * <p>Sample ids are 64-bit, start at 0 and grow by one per sample; {@link #sampleIdRange()} gives
 * the ids still held. Time is {@code sampleId / sampleRate} seconds since the first sample.
 *
 * <p><b>Threading.</b> One thread inserts ({@link #insert}); any number of threads query at the
 * same time. Inserting never blocks, never waits for readers and never allocates. A query reads
 * without locking and then checks that the writer has not overwritten what it read (a sequence
 * check in the manner of {@link java.util.concurrent.locks.StampedLock}'s optimistic reads); if it
 * has, the query repeats on the range still held, each time keeping a wider margin from the oldest
 * sample, so a query never returns overwritten data and always finishes, however fast the writer.
 * The range actually used is returned. Queries that return arrays or records allocate them; those
 * given an output array allocate nothing.
 */
public final class TelemetryBuffer {
  /** Index of the number of non-NaN samples in a statistics record. */
  public static final int COUNT = 0;

  /** Index of the mean. */
  public static final int MEAN = 1;

  /** Index of the population variance. */
  public static final int VARIANCE = 2;

  /** Index of the minimum. */
  public static final int MIN = 3;

  /** Index of the maximum. */
  public static final int MAX = 4;

  /** Index of the number of NaN samples. */
  public static final int MISSING = 5;

  /** Doubles per statistics record. */
  public static final int FIELDS = 6;

  /** The first margin kept from the oldest sample after a read was overtaken by the writer. */
  private static final long FIRST_MARGIN = 64;

  private final List<String> signals;
  private final int width;
  private final int capacity;
  private final double sampleRate;
  private final int[] factors;
  private final long[] span;
  private final int[] entries;
  private final double[][] raw;

  /** [level][signal][entry * FIELDS + field], with field VARIANCE holding the sum of squares. */
  private final double[][][] levels;

  /** Writer-private running combination of the current entry of each level above 0. */
  private final double[][][] pending;

  private volatile long end;
  private volatile long writing;

  /**
   * @param signals names of the signals, one value of each per sample
   * @param capacity raw samples held per signal
   * @param sampleRate samples per second (for time conversion)
   * @param reductions the reduction factors, level 0 first (each at least 2)
   */
  public TelemetryBuffer(List<String> signals, int capacity, double sampleRate, int... reductions) {
    if (signals.isEmpty()) {
      throw new IllegalArgumentException("a stream buffer needs at least one signal");
    }
    if (!(sampleRate > 0)) {
      throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
    }
    this.signals = List.copyOf(signals);
    this.width = signals.size();
    this.capacity = capacity;
    this.sampleRate = sampleRate;
    this.factors = reductions.clone();
    this.span = new long[factors.length];
    long s = 1;
    for (int l = 0; l < factors.length; l++) {
      if (factors[l] < 2) {
        throw new IllegalArgumentException(
            "reduction factors must be at least 2, got " + Arrays.toString(reductions));
      }
      s *= factors[l];
      span[l] = s;
    }
    if (factors.length > 0 && capacity < factors[0]) {
      throw new IllegalArgumentException(
          "capacity " + capacity + " is smaller than the first reduction factor " + factors[0]);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.entries = new int[factors.length];
    this.raw = new double[width][capacity];
    this.levels = new double[factors.length][width][];
    this.pending = new double[factors.length][width][FIELDS];
    for (int l = 0; l < factors.length; l++) {
      entries[l] = Math.toIntExact(capacity / span[l] + 2);
      for (int g = 0; g < width; g++) {
        levels[l][g] = new double[entries[l] * FIELDS];
        clear(pending[l][g], 0);
      }
    }
  }

  /** A buffer holding {@code duration} of samples at {@code sampleRate}. */
  public static TelemetryBuffer forDuration(
      List<String> signals, Duration duration, double sampleRate, int... reductions) {
    long n = (long) Math.ceil(duration.toNanos() / 1e9 * sampleRate);
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          duration + " at " + sampleRate + " samples/s is more than 2^31 samples");
    }
    return new TelemetryBuffer(signals, (int) Math.max(1, n), sampleRate, reductions);
  }

  /** The signal names, in insertion order. */
  public List<String> signals() {
    return signals;
  }

  /** Index of {@code signal}. */
  public int signalIndex(String signal) {
    int i = signals.indexOf(signal);
    if (i < 0) {
      throw new IllegalArgumentException("unknown signal '" + signal + "'; known: " + signals);
    }
    return i;
  }

  /** Raw samples held per signal. */
  public int capacity() {
    return capacity;
  }

  /** Samples per second. */
  public double sampleRate() {
    return sampleRate;
  }

  /** The reduction factors, level 0 first. */
  public int[] reductions() {
    return factors.clone();
  }

  /** Raw samples summarised by one entry of {@code level}. */
  public long samplesPerEntry(int level) {
    return span[level];
  }

  // ---- writing ----

  /**
   * Inserts one sample: {@code values[i]} is the value of signal {@code i} (NaN if missing).
   * Allocation-free; for the single writer thread.
   */
  public void insert(double[] values) {
    insert(values, 0, 1);
  }

  /**
   * Inserts {@code samples} samples from {@code block} starting at {@code offset}, row by row (the
   * values of all signals of the first sample, then of the second...). Allocation-free; for the
   * single writer thread.
   */
  public void insert(double[] block, int offset, int samples) {
    if (offset < 0 || samples < 0 || offset + (long) samples * width > block.length) {
      throw new IndexOutOfBoundsException(
          samples + " samples of " + width + " signals at " + offset + " in " + block.length);
    }
    long n = end;
    writing = n + samples; // readers of ids before writing - capacity are safe
    int at = offset;
    for (int k = 0; k < samples; k++) {
      int slot = (int) (n % capacity);
      for (int g = 0; g < width; g++) {
        raw[g][slot] = block[at++];
      }
      n++;
      if (factors.length > 0 && n % factors[0] == 0) {
        finishLevel0(n / factors[0] - 1);
      }
    }
    end = n;
  }

  /** Computes level-0 entry {@code e} from its raw samples and carries it up the levels. */
  private void finishLevel0(long e) {
    int f = factors[0];
    long first = e * f;
    int slot = (int) (e % entries[0]) * FIELDS;
    for (int g = 0; g < width; g++) {
      clear(levels[0][g], slot);
      addRaw(g, first, first + f, levels[0][g], slot);
    }
    long index = e;
    for (int l = 1; l < factors.length; l++) {
      int from = (int) (index % entries[l - 1]) * FIELDS;
      for (int g = 0; g < width; g++) {
        double[] src = levels[l - 1][g];
        combine(
            pending[l][g],
            0,
            src[from + COUNT],
            src[from + MEAN],
            src[from + VARIANCE],
            src[from + MIN],
            src[from + MAX],
            src[from + MISSING]);
      }
      if ((index + 1) % factors[l] != 0) {
        return;
      }
      index = (index + 1) / factors[l] - 1;
      int to = (int) (index % entries[l]) * FIELDS;
      for (int g = 0; g < width; g++) {
        System.arraycopy(pending[l][g], 0, levels[l][g], to, FIELDS);
        clear(pending[l][g], 0);
      }
    }
  }

  private static void clear(double[] acc, int at) {
    acc[at + COUNT] = 0;
    acc[at + MEAN] = 0;
    acc[at + VARIANCE] = 0;
    acc[at + MIN] = Double.POSITIVE_INFINITY;
    acc[at + MAX] = Double.NEGATIVE_INFINITY;
    acc[at + MISSING] = 0;
  }

  /** Adds a summary (count, mean, sum of squares, ...) to the running summary at {@code at}. */
  private static void combine(
      double[] acc,
      int at,
      double nb,
      double meanB,
      double m2b,
      double minB,
      double maxB,
      double missingB) {
    acc[at + MISSING] += missingB;
    if (nb == 0) {
      return;
    }
    double na = acc[at + COUNT];
    double n = na + nb;
    double delta = meanB - acc[at + MEAN];
    acc[at + MEAN] += delta * (nb / n);
    acc[at + VARIANCE] += m2b + delta * delta * (na * nb / n);
    acc[at + COUNT] = n;
    acc[at + MIN] = Math.min(acc[at + MIN], minB);
    acc[at + MAX] = Math.max(acc[at + MAX], maxB);
  }

  // ---- reading ----

  /** Sample ids held now: [start, end). */
  public SampleRange sampleIdRange() {
    long e = end;
    return new SampleRange(Math.max(0, e - capacity), e);
  }

  /** Sample ids inserted so far (the end of {@link #sampleIdRange()}). */
  public long sampleCount() {
    return end;
  }

  /** Seconds since the first sample of sample id {@code id}. */
  public double sampleIdToTime(long id) {
    return id / sampleRate;
  }

  /** The sample id at {@code seconds} since the first sample (rounded down). */
  public long timeToSampleId(double seconds) {
    return (long) Math.floor(seconds * sampleRate);
  }

  /** Times of the samples held: {start, end} in seconds (end exclusive, as the ids). */
  public double[] limitsTime() {
    SampleRange r = sampleIdRange();
    return new double[] {sampleIdToTime(r.start()), sampleIdToTime(r.end())};
  }

  /**
   * [start, end) clamped to the ids held when the writer had reached {@code e}, keeping {@code
   * margin} samples away from the oldest one (which the writer overwrites next).
   */
  private SampleRange clamp(long start, long end, long e, long margin) {
    long s = Math.max(start, Math.max(0, e - capacity + margin));
    long t = Math.min(end, e);
    return new SampleRange(Math.min(s, t), t);
  }

  /**
   * The margin for the next attempt after a read was overtaken: doubling, so that a writer faster
   * than the reader is outrun after a few attempts (the range read shrinks from its old end).
   */
  private long nextMargin(long margin) {
    return Math.min(capacity, Math.max(FIRST_MARGIN, 2 * margin));
  }

  /** Whether ids from {@code start} were not overwritten while they were read. */
  private boolean stillHeld(long start) {
    VarHandle.acquireFence();
    return start >= writing - capacity;
  }

  /**
   * Exact raw values of {@code fields} for ids [start, end), clamped to what is held.
   *
   * @return one array per field, in the order of {@code fields}
   */
  public double[][] samples(long start, long end, List<String> fields) {
    int[] idx = fields.stream().mapToInt(this::signalIndex).toArray();
    for (long margin = 0; ; margin = nextMargin(margin)) {
      SampleRange r = clamp(start, end, this.end, margin);
      double[][] out = new double[idx.length][(int) r.length()];
      for (int f = 0; f < idx.length; f++) {
        double[] src = raw[idx[f]];
        for (long id = r.start(); id < r.end(); id++) {
          out[f][(int) (id - r.start())] = src[(int) (id % capacity)];
        }
      }
      if (r.length() == 0 || stillHeld(r.start())) {
        return out;
      }
    }
  }

  /** Exact raw values of one signal for ids [start, end), clamped to what is held. */
  public double[] samples(long start, long end, String field) {
    return samples(start, end, List.of(field))[0];
  }

  /**
   * Exact statistics of {@code signal} over ids [start, end), clamped to what is held, written to
   * {@code out} at {@code at} ({@link #FIELDS} doubles: count, mean, variance, min, max, missing).
   * Allocation-free apart from the returned range.
   *
   * @return the range actually covered
   */
  public SampleRange statistics(int signal, long start, long end, double[] out, int at) {
    for (long margin = 0; ; margin = nextMargin(margin)) {
      SampleRange r = clamp(start, end, this.end, margin);
      long s = r.start();
      long t = r.end();
      clear(out, at);
      accumulate(signal, s, t, factors.length - 1, out, at);
      finish(out, at);
      if (s == t || stillHeld(s)) {
        return r;
      }
    }
  }

  /** Exact statistics of {@code signal} over ids [start, end), clamped to what is held. */
  public Statistics statistics(String signal, long start, long end) {
    double[] out = new double[FIELDS];
    SampleRange r = statistics(signalIndex(signal), start, end, out, 0);
    return Statistics.of(out, 0, r);
  }

  /**
   * One statistics record per {@code increment} raw samples of {@code signal} from {@code start},
   * for plotting: {@code n = (end' - start') / increment} records for the range clamped to what is
   * held, written to {@code out} (at least {@code n * FIELDS} doubles). Each record combines whole
   * entries of the coarsest reduction level that fits and computes only its ragged edges from finer
   * data; increments need not match the reduction factors. Allocation-free.
   *
   * @return the number of records written
   */
  public int data(int signal, long start, long end, long increment, double[] out) {
    if (increment < 1) {
      throw new IllegalArgumentException("increment must be at least 1, got " + increment);
    }
    for (long margin = 0; ; margin = nextMargin(margin)) {
      SampleRange r = clamp(start, end, this.end, margin);
      long s = r.start();
      long t = r.end();
      long n = t > s ? (t - s) / increment : 0;
      if (n * FIELDS > out.length) {
        throw new IllegalArgumentException(
            n + " records need " + n * FIELDS + " doubles; the output has " + out.length);
      }
      for (int i = 0; i < n; i++) {
        int at = i * FIELDS;
        clear(out, at);
        accumulate(signal, s + i * increment, s + (i + 1) * increment, factors.length - 1, out, at);
        finish(out, at);
      }
      if (n == 0 || stillHeld(s)) {
        return (int) n;
      }
    }
  }

  /** {@link #data(int, long, long, long, double[])} into a new array. */
  public double[] data(String signal, long start, long end, long increment) {
    SampleRange r = sampleIdRange();
    long s = Math.max(start, r.start());
    long t = Math.min(end, r.end());
    long n = t > s ? (t - s) / increment + 1 : 0; // room for a concurrent writer
    double[] out = new double[(int) (n * FIELDS)];
    int written = data(signalIndex(signal), start, end, increment, out);
    return Arrays.copyOf(out, written * FIELDS);
  }

  /** Adds the statistics of [s, e) to the running summary, coarsest level first. */
  private void accumulate(int g, long s, long e, int level, double[] acc, int at) {
    if (s >= e) {
      return;
    }
    if (level < 0) {
      addRaw(g, s, e, acc, at);
      return;
    }
    long r = span[level];
    long k0 = Math.floorDiv(s + r - 1, r);
    long k1 = Math.floorDiv(e, r);
    if (k0 >= k1) {
      accumulate(g, s, e, level - 1, acc, at);
      return;
    }
    accumulate(g, s, k0 * r, level - 1, acc, at);
    double[] src = levels[level][g];
    for (long k = k0; k < k1; k++) {
      int i = (int) (k % entries[level]) * FIELDS;
      combine(
          acc,
          at,
          src[i + COUNT],
          src[i + MEAN],
          src[i + VARIANCE],
          src[i + MIN],
          src[i + MAX],
          src[i + MISSING]);
    }
    accumulate(g, k1 * r, e, level - 1, acc, at);
  }

  /**
   * Adds the statistics of raw samples [s, e) of signal {@code g}, computed in two passes (the
   * second with the compensation of the mean's rounding error), to the summary at {@code at}.
   */
  private void addRaw(int g, long s, long e, double[] acc, int at) {
    double[] r = raw[g];
    long count = 0;
    long missing = 0;
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (long id = s; id < e; id++) {
      double v = r[(int) (id % capacity)];
      if (Double.isNaN(v)) {
        missing++;
      } else {
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    double mean = count == 0 ? 0 : sum / count;
    double m2 = 0;
    double c = 0;
    if (count > 0) {
      for (long id = s; id < e; id++) {
        double v = r[(int) (id % capacity)];
        if (!Double.isNaN(v)) {
          double d = v - mean;
          m2 += d * d;
          c += d;
        }
      }
      m2 -= c * c / count;
      mean += c / count;
    }
    combine(acc, at, count, mean, Math.max(0, m2), min, max, missing);
  }

  /** Turns a running summary into the published fields (variance, NaN when empty). */
  private static void finish(double[] acc, int at) {
    double n = acc[at + COUNT];
    if (n == 0) {
      acc[at + MEAN] = Double.NaN;
      acc[at + VARIANCE] = Double.NaN;
      acc[at + MIN] = Double.NaN;
      acc[at + MAX] = Double.NaN;
    } else {
      acc[at + VARIANCE] = acc[at + VARIANCE] / n;
    }
  }
}
