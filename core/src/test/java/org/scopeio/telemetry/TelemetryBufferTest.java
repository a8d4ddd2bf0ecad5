package org.scopeio.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryBufferTest {

  /** Direct two-pass statistics of values[s, e) (the reference). */
  static double[] direct(List<Double> values, long s, long e) {
    long n = 0;
    long missing = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
    for (long i = s; i < e; i++) {
      double v = values.get((int) i);
      if (Double.isNaN(v)) {
        missing++;
        continue;
      }
      n++;
      sum = sum.add(new java.math.BigDecimal(v));
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (n == 0) {
      return new double[] {0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, missing};
    }
    java.math.BigDecimal mean =
        sum.divide(java.math.BigDecimal.valueOf(n), java.math.MathContext.DECIMAL128);
    java.math.BigDecimal ss = java.math.BigDecimal.ZERO;
    for (long i = s; i < e; i++) {
      double v = values.get((int) i);
      if (!Double.isNaN(v)) {
        java.math.BigDecimal d = new java.math.BigDecimal(v).subtract(mean);
        ss = ss.add(d.multiply(d));
      }
    }
    double variance =
        ss.divide(java.math.BigDecimal.valueOf(n), java.math.MathContext.DECIMAL128).doubleValue();
    return new double[] {n, mean.doubleValue(), variance, min, max, missing};
  }

  static void assertMatches(double[] got, int at, double[] want, String what) {
    assertThat(got[at + TelemetryBuffer.COUNT]).as(what + " count").isEqualTo(want[0]);
    assertThat(got[at + TelemetryBuffer.MISSING]).as(what + " missing").isEqualTo(want[5]);
    assertThat(Double.valueOf(got[at + TelemetryBuffer.MIN]))
        .as(what + " min")
        .isEqualTo(Double.valueOf(want[3]));
    assertThat(Double.valueOf(got[at + TelemetryBuffer.MAX]))
        .as(what + " max")
        .isEqualTo(Double.valueOf(want[4]));
    close(got[at + TelemetryBuffer.MEAN], want[1], what + " mean");
    close(got[at + TelemetryBuffer.VARIANCE], want[2], what + " variance");
  }

  static void close(double got, double want, String what) {
    if (Double.isNaN(want)) {
      assertThat(got).as(what).isNaN();
      return;
    }
    double tolerance = 1e-9 * Math.max(Math.abs(want), 1e-300) + 1e-12;
    assertThat(Math.abs(got - want))
        .as(what + ": " + got + " vs " + want)
        .isLessThanOrEqualTo(tolerance);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void statisticsOverRandomRangesEqualADirectComputationAcrossRolloverAndBoundaries(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    TelemetryBuffer b = new TelemetryBuffer(List.of("a", "b"), 1000, 20.0, 4, 5, 3);
    List<Double> a = new ArrayList<>();
    List<Double> c = new ArrayList<>();
    double[] block = new double[2 * 64];
    while (a.size() < 5000) {
      int n = 1 + rnd.nextInt(64);
      for (int k = 0; k < n; k++) {
        double va = rnd.nextInt(10) == 0 ? Double.NaN : 1e6 + rnd.nextGaussian() * 3;
        double vb = rnd.nextDouble() * 100 - 50;
        block[2 * k] = va;
        block[2 * k + 1] = vb;
        a.add(va);
        c.add(vb);
      }
      b.insert(block, 0, n);
      // query as we go, too: the newest samples have not all reached the reductions
      long e = a.size();
      long s = Math.max(0, e - 1 - rnd.nextInt(999));
      double[] out = new double[TelemetryBuffer.FIELDS];
      SampleRange r = b.statistics(0, s, e, out, 0);
      assertThat(r).isEqualTo(new SampleRange(s, e));
      assertMatches(out, 0, direct(a, s, e), "a[" + s + "," + e + ")");
    }
    assertThat(b.sampleIdRange()).isEqualTo(new SampleRange(a.size() - 1000, a.size()));
    for (int q = 0; q < 300; q++) {
      long s = rnd.nextLong(-50, a.size() + 10);
      long e = rnd.nextLong(s, a.size() + 50);
      Statistics st = b.statistics("b", s, e);
      long cs = Math.min(Math.max(s, a.size() - 1000L), Math.min(e, a.size()));
      long ce = Math.min(e, a.size());
      assertThat(st.range()).isEqualTo(new SampleRange(cs, ce));
      double[] got = {st.count(), st.mean(), st.variance(), st.min(), st.max(), st.missing()};
      assertMatches(got, 0, direct(c, cs, ce), "b[" + cs + "," + ce + ")");
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {20, 60, 7, 33, 1, 120})
  void dataGivesOneRecordPerIncrementWhetherOrNotItMatchesTheReductions(long increment) {
    SplittableRandom rnd = new SplittableRandom(increment);
    TelemetryBuffer b = new TelemetryBuffer(List.of("x"), 600, 20.0, 4, 5, 3);
    List<Double> x = new ArrayList<>();
    double[] one = new double[1];
    for (int i = 0; i < 1703; i++) {
      one[0] = rnd.nextInt(25) == 0 ? Double.NaN : rnd.nextGaussian() * 10 + i * 0.01;
      x.add(one[0]);
      b.insert(one);
    }
    for (long start : new long[] {1103, 1107, 1200, 1000}) { // 1000 is no longer held
      long end = 1703;
      double[] out = new double[(int) (600 / increment + 1) * TelemetryBuffer.FIELDS];
      int n = b.data(0, start, end, increment, out);
      long s = Math.max(start, 1103);
      assertThat(n).isEqualTo((int) ((end - s) / increment));
      for (int i = 0; i < n; i++) {
        long from = s + i * increment;
        assertMatches(
            out, i * TelemetryBuffer.FIELDS, direct(x, from, from + increment), "record " + i);
      }
    }
    assertThat(b.data("x", 1200, 1703, increment))
        .hasSize((int) (503 / increment) * TelemetryBuffer.FIELDS);
  }

  @Test
  void missingSamplesAreCountedAndLeftOutOfTheStatistics() {
    TelemetryBuffer b = new TelemetryBuffer(List.of("v"), 100, 10.0, 5);
    double[] one = new double[1];
    for (int i = 0; i < 10; i++) {
      one[0] = i < 5 ? Double.NaN : i;
      b.insert(one);
    }
    Statistics none = b.statistics("v", 0, 5);
    assertThat(none.count()).isZero();
    assertThat(none.missing()).isEqualTo(5);
    assertThat(none.mean()).isNaN();
    assertThat(none.min()).isNaN();
    Statistics some = b.statistics("v", 3, 10);
    assertThat(some.count()).isEqualTo(5);
    assertThat(some.missing()).isEqualTo(2);
    assertThat(some.mean()).isEqualTo(7.0);
    assertThat(some.variance()).isEqualTo(2.0);
    assertThat(some.min()).isEqualTo(5.0);
    assertThat(some.max()).isEqualTo(9.0);
  }

  @Test
  void largeOffsetsKeepTheirSmallVariance() {
    // a naive sum of squares loses every digit here
    TelemetryBuffer b = new TelemetryBuffer(List.of("v"), 10_000, 1000.0, 10, 10, 10);
    List<Double> all = new ArrayList<>();
    double[] one = new double[1];
    for (int i = 0; i < 10_000; i++) {
      one[0] = 1e9 + (i % 7) * 0.001;
      all.add(one[0]);
      b.insert(one);
    }
    double[] out = new double[TelemetryBuffer.FIELDS];
    b.statistics(0, 0, 10_000, out, 0);
    assertMatches(out, 0, direct(all, 0, 10_000), "offset");
    assertThat(out[TelemetryBuffer.VARIANCE]).isBetween(3.9e-6, 4.1e-6);
  }

  @Test
  void samplesTimesAndRangesAfterRollover() {
    TelemetryBuffer b =
        TelemetryBuffer.forDuration(List.of("a", "b"), java.time.Duration.ofSeconds(5), 20.0, 4);
    assertThat(b.capacity()).isEqualTo(100);
    double[] s = new double[2];
    for (int i = 0; i < 250; i++) {
      s[0] = i;
      s[1] = -i;
      b.insert(s);
    }
    assertThat(b.sampleIdRange()).isEqualTo(new SampleRange(150, 250));
    assertThat(b.limitsTime()).containsExactly(7.5, 12.5);
    assertThat(b.sampleIdToTime(40)).isEqualTo(2.0);
    assertThat(b.timeToSampleId(2.01)).isEqualTo(40);
    double[][] got = b.samples(140, 153, List.of("b", "a"));
    assertThat(got[0]).containsExactly(-150, -151, -152);
    assertThat(got[1]).containsExactly(150, 151, 152);
    assertThat(b.samples(300, 400, "a")).isEmpty();
    assertThatThrownBy(() -> b.samples(0, 1, "c")).hasMessage("unknown signal 'c'; known: [a, b]");
    assertThatThrownBy(() -> new TelemetryBuffer(List.of("a"), 10, 1.0, 4, 1))
        .hasMessage("reduction factors must be at least 2, got [4, 1]");
  }

  @Test
  void insertAllocatesNothing() {
    TelemetryBuffer b = new TelemetryBuffer(List.of("a", "b", "c"), 4096, 1000.0, 20, 100, 50);
    double[] s = new double[3];
    double[] block = new double[3 * 256];
    for (int i = 0; i < 200_000; i++) { // warm up and compile
      s[0] = i;
      b.insert(s);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 1_000_000; i++) {
      s[0] = i;
      s[1] = i * 0.5;
      b.insert(s);
    }
    for (int i = 0; i < 1000; i++) {
      b.insert(block, 0, 256);
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertThat(allocated).as("bytes allocated by 1.25 million inserts").isLessThan(1024);
  }

  @Test
  void queriesFromOtherThreadsAreExactWhileOneThreadInserts() throws Exception {
    // value(id) = id % 1000, so any range's exact statistics are known without the buffer
    TelemetryBuffer b = new TelemetryBuffer(List.of("v"), 5000, 1000.0, 10, 10, 5);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<Long>> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      long seed = r;
      readers.add(
          pool.submit(
              () -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                double[] out = new double[TelemetryBuffer.FIELDS];
                long checked = 0;
                while (!done.get()) {
                  long e = b.sampleCount();
                  long s = Math.max(0, e - rnd.nextInt(1, 6000));
                  SampleRange got = b.statistics(0, s, e, out, 0);
                  if (got.length() == 0) {
                    continue;
                  }
                  List<Double> expected = new ArrayList<>();
                  for (long id = got.start(); id < got.end(); id++) {
                    expected.add((double) (id % 1000));
                  }
                  double[] want = direct(expected, 0, expected.size());
                  assertMatches(out, 0, want, "range " + got);
                  checked++;
                }
                return checked;
              }));
    }
    Future<?> writer =
        pool.submit(
            () -> {
              double[] block = new double[100];
              long id = 0;
              for (int k = 0; k < 40_000; k++) {
                for (int i = 0; i < block.length; i++) {
                  block[i] = (id++) % 1000;
                }
                b.insert(block, 0, block.length);
              }
              done.set(true);
            });
    writer.get(60, TimeUnit.SECONDS);
    long checked = 0;
    for (Future<Long> f : readers) {
      checked += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(b.sampleCount()).isEqualTo(4_000_000);
    assertThat(checked).isPositive();
  }
}
