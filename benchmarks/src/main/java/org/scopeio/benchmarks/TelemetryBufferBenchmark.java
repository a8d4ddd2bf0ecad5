package org.scopeio.benchmarks;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.scopeio.telemetry.TelemetryBuffer;

/**
 * {@link TelemetryBuffer}: insert throughput (samples of one signal per second, in blocks of 1000,
 * as a device delivers them, and one by one, as the frame telemetry inserts them) and the latency
 * of exact statistics and plot data over the whole buffer.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TelemetryBufferBenchmark {
  private static final int BLOCK = 1000;

  @Param({"1000000"})
  int capacity;

  private TelemetryBuffer buffer;
  private final double[] block = new double[BLOCK];
  private final double[] one = new double[1];
  private final double[] stats = new double[TelemetryBuffer.FIELDS];
  private final double[] plot = new double[1000 * TelemetryBuffer.FIELDS];
  private SplittableRandom random;

  @Setup(Level.Trial)
  public void setUp() {
    buffer = new TelemetryBuffer(List.of("current"), capacity, 1_000_000, 20, 100, 50);
    random = new SplittableRandom(1);
    for (int i = 0; i < BLOCK; i++) {
      block[i] = random.nextGaussian();
    }
    for (int i = 0; i < capacity / BLOCK + 1; i++) {
      buffer.insert(block, 0, BLOCK); // full, rolling over
    }
  }

  /** Inserts a block of 1000 samples; the score is per sample. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BLOCK)
  public void insertBlock() {
    buffer.insert(block, 0, BLOCK);
  }

  /** Inserts one sample at a time. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void insertOne() {
    one[0] = block[(int) (buffer.sampleCount() % BLOCK)];
    buffer.insert(one);
  }

  /** Exact statistics over a random range of up to the whole buffer (ragged ends). */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double statisticsRandomRange() {
    long end = buffer.sampleCount();
    long start = end - 1 - random.nextInt(capacity - 1);
    buffer.statistics(0, start, end - random.nextInt(1000), stats, 0);
    return stats[TelemetryBuffer.MEAN];
  }

  /** 1000 plot records over the whole buffer with an increment that matches no reduction. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int data1000Records() {
    long end = buffer.sampleCount();
    return buffer.data(0, end - capacity, end, capacity / 1000 + 1, plot);
  }
}
