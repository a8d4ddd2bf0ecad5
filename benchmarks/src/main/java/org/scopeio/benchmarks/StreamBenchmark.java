package org.scopeio.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.config.ConfigStore;
import org.scopeio.config.ConfigTypes;
import org.scopeio.core.Pacing;
import org.scopeio.format.StreamDevConfig;
import org.scopeio.simulator.StreamEncoder;
import org.scopeio.stream.FileByteSource;
import org.scopeio.stream.InputStreamByteSource;
import org.scopeio.stream.StreamDevice;

/**
 * Stream benchmarks used by {@code bench/stream.sh}. {@code decode <capture> <config> <runs>}:
 * offline decoding of a capture file, one thread, after a warm-up pass; prints {@code run <i>
 * <nanoseconds> <frames>}. {@code live <config> <fps> <frames>}: capture from the simulated source
 * paced at {@code fps}, consumed as fast as frames come; prints frames, drops and the achieved
 * rate.
 */
public final class StreamBenchmark {
  private StreamBenchmark() {}

  public static void main(String[] args) throws Exception {
    ConfigStore configs = ConfigStore.standard();
    BufferHeaderFormat format =
        configs.load("stream-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT);
    StringBuilder out = new StringBuilder();
    if (args[0].equals("decode")) {
      Path capture = Path.of(args[1]);
      StreamDevConfig config = configs.load(args[2], StreamDevConfig.TYPE);
      int runs = Integer.parseInt(args[3]);
      for (int run = 0; run <= runs; run++) {
        long t0 = System.nanoTime();
        long frames = 0;
        try (StreamDevice d =
            new StreamDevice(config, args[2], format, c -> new FileByteSource(capture))) {
          d.open();
          for (Optional<FrameOrGap> f = d.next(Duration.ofMinutes(1));
              f.isPresent();
              f = d.next(Duration.ofMinutes(1))) {
            if (f.get() instanceof Frame) {
              frames++;
            }
          }
        }
        long ns = System.nanoTime() - t0;
        if (run > 0) {
          out.append(String.format(Locale.ROOT, "run %d %d %d%n", run, ns, frames));
        }
      }
      out.append(String.format(Locale.ROOT, "bytes %d%n", Files.size(capture)));
    } else if (args[0].equals("soak")) {
      StreamDevConfig config = configs.load(args[1], StreamDevConfig.TYPE);
      out.append(
          soak(
              withFrameRate(config, Integer.parseInt(args[2])),
              args[1],
              format,
              Duration.ofSeconds(Long.parseLong(args[3]))));
    } else {
      StreamDevConfig config = configs.load(args[1], StreamDevConfig.TYPE);
      double fps = Double.parseDouble(args[2]);
      int frames = Integer.parseInt(args[3]);
      if (args.length > 5) {
        config = config.withFrame(Integer.parseInt(args[4]), Integer.parseInt(args[5]));
      }
      out.append(live(withFrameRate(config, (int) fps), args[1], format, frames));
    }
    System.out.print(out); // the script parses these lines
  }

  private static StreamDevConfig withFrameRate(StreamDevConfig config, int fps) {
    return new StreamDevConfig(
        config.device(),
        config.bitstream(),
        config.port(),
        config.baudrate(),
        config.frameWidth(),
        config.frameHeight(),
        fps,
        config.preamble(),
        config.headerLen(),
        config.pixDepth(),
        config.bufferBlockLength(),
        config.blockSize(),
        config.numBuffers(),
        config.reverseHeaderBits(),
        config.reverseHeaderBytes(),
        config.reversePayloadBits(),
        config.reversePayloadBytes(),
        config.dummyWords(),
        config.adcScale(),
        config.runtime());
  }

  /**
   * Live capture through the acquisition thread and frame queue to a {@link Flow.Subscriber};
   * latency is from the frame's assembly (right after its last byte was received and decoded) to
   * the subscriber's {@code onNext}, over the frames after the first two seconds (JIT warm-up).
   */
  private static String live(
      StreamDevConfig paced, String id, BufferHeaderFormat format, int frames) throws Exception {
    long[] latency = new long[frames];
    int[] got = {0};
    CompletableFuture<Void> done = new CompletableFuture<>();
    long t0 = System.nanoTime();
    try (StreamDevice d = simulatedLive(paced, id, format, frames + 2)) {
      d.open();
      d.publisher()
          .subscribe(
              new Flow.Subscriber<>() {
                private Flow.Subscription s;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                  this.s = s;
                  s.request(1);
                }

                @Override
                public void onNext(FrameOrGap item) {
                  if (!(item instanceof Frame f)) {
                    s.request(1);
                    return;
                  }
                  latency[got[0]++] = System.nanoTime() - f.hostMonotonicNanos();
                  if (got[0] == frames) {
                    s.cancel();
                    done.complete(null);
                  } else {
                    s.request(1);
                  }
                }

                @Override
                public void onError(Throwable t) {
                  done.complete(null);
                }

                @Override
                public void onComplete() {
                  done.complete(null);
                }
              });
      try {
        done.get(frames / Math.max(1, paced.fs()) + 60, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        // report what arrived
      }
      long ns = System.nanoTime() - t0;
      // the first two seconds warm the JIT up; latency counts the frames after them
      int warmup = (int) Math.min(got[0] / 2, 2 * paced.fs());
      long[] l = Arrays.copyOfRange(latency, warmup, got[0]);
      Arrays.sort(l);
      return String.format(
          Locale.ROOT,
          "live frames %d dropped %d missing %d seconds %.3f fps %.1f"
              + " latency_p50_ms %.3f latency_p99_ms %.3f latency_max_ms %.3f size %dx%d%n",
          got[0],
          d.counters().framesDropped(),
          d.counters().buffersMissing(),
          ns / 1e9,
          got[0] / (ns / 1e9),
          percentile(l, 0.50) / 1e6,
          percentile(l, 0.99) / 1e6,
          l.length == 0 ? 0 : l[l.length - 1] / 1e6,
          paced.frameWidth(),
          paced.frameHeight());
    }
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  /**
   * Live capture for {@code length}, printing the heap in use after a full collection every 30 s
   * ({@code heap <seconds> <bytes> <frames> <dropped>}): flat memory means no growth with time.
   */
  private static String soak(
      StreamDevConfig paced, String id, BufferHeaderFormat format, Duration length)
      throws Exception {
    StringBuilder out = new StringBuilder();
    long frames = (long) (paced.fs() * (length.toSeconds() + 5));
    try (StreamDevice d = simulatedLive(paced, id, format, (int) frames)) {
      d.open();
      long t0 = System.nanoTime();
      long next = 0;
      long got = 0;
      while (System.nanoTime() - t0 < length.toNanos()) {
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        if (seconds >= next) {
          System.gc();
          Runtime r = Runtime.getRuntime();
          String line =
              String.format(
                  Locale.ROOT,
                  "heap %d %d %d %d%n",
                  seconds,
                  r.totalMemory() - r.freeMemory(),
                  got,
                  d.counters().framesDropped());
          out.append(line);
          System.err.print(line);
          next += 30;
        }
        if (d.next(Duration.ofSeconds(5)).filter(f -> f instanceof Frame).isPresent()) {
          got++;
        }
      }
    }
    return out.toString();
  }

  /** A live stream device fed by the simulator's encoder in real time through a frame queue. */
  private static StreamDevice simulatedLive(
      StreamDevConfig paced, String id, BufferHeaderFormat format, int frames) {
    return new StreamDevice(
        paced,
        id,
        format,
        c ->
            new InputStreamByteSource(
                "simulated",
                new StreamEncoder(c, format, 1, frames, java.util.Set.of())
                    .openStream(Pacing.REAL_TIME)),
        new StreamDevice.Options(true, 64, OverflowPolicy.DROP_NEWEST, null, java.util.Set.of()));
  }
}
