package org.scopeio.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.DeviceTimeoutException;
import org.scopeio.api.Frame;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.api.Pacing;
import org.scopeio.api.config.ConfigStore;
import org.scopeio.api.config.ConfigTypes;
import org.scopeio.api.format.StreamDevConfig;
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
          for (Optional<Frame> f = d.next(Duration.ZERO);
              f.isPresent();
              f = d.next(Duration.ZERO)) {
            frames++;
          }
        }
        long ns = System.nanoTime() - t0;
        if (run > 0) {
          out.append(String.format(Locale.ROOT, "run %d %d %d%n", run, ns, frames));
        }
      }
      out.append(String.format(Locale.ROOT, "bytes %d%n", Files.size(capture)));
    } else {
      StreamDevConfig config = configs.load(args[1], StreamDevConfig.TYPE);
      double fps = Double.parseDouble(args[2]);
      int frames = Integer.parseInt(args[3]);
      StreamDevConfig paced =
          new StreamDevConfig(
              config.device(),
              config.bitstream(),
              config.port(),
              config.baudrate(),
              config.frameWidth(),
              config.frameHeight(),
              (int) fps,
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
      long got = 0;
      long t0 = System.nanoTime();
      try (StreamDevice d =
          new StreamDevice(
              paced,
              args[1],
              format,
              c ->
                  new InputStreamByteSource(
                      "simulated",
                      new StreamEncoder(c, format, 1, frames + 2, java.util.Set.of())
                          .openStream(Pacing.REAL_TIME)),
              new StreamDevice.Options(true, 64, OverflowPolicy.DROP_NEWEST, null))) {
        d.open();
        while (got < frames) {
          Optional<Frame> f;
          try {
            f = d.next(Duration.ofSeconds(5));
          } catch (DeviceTimeoutException e) {
            break;
          }
          if (f.isEmpty()) {
            break;
          }
          got++;
        }
        long ns = System.nanoTime() - t0;
        out.append(
            String.format(
                Locale.ROOT,
                "live frames %d dropped %d missing %d seconds %.3f fps %.1f%n",
                got,
                d.counters().framesDropped(),
                d.counters().buffersMissing(),
                ns / 1e9,
                got / (ns / 1e9)));
      }
    }
    System.out.print(out); // the script parses these lines
  }
}
