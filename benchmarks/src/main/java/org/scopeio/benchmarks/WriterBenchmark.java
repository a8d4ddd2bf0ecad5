package org.scopeio.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriterOptions;
import org.scopeio.api.WriterRegistry;

/**
 * Writing benchmark used by {@code bench/writers.sh}: writes {@code frames} frames of the given
 * size with one writer, from open to close (which forces the files to the disk), {@code runs} times
 * after one warm-up run, and prints one line per run ({@code run <i> <nanoseconds> <bytes>}) and
 * the peak heap use. Frames cycle through 16 prepared frames, so the time is the writer's.
 *
 * <p>Usage: {@code WriterBenchmark <format> <width> <height> <uint8|uint16> <frames> <sync> <runs>
 * <directory>}
 */
public final class WriterBenchmark {
  private WriterBenchmark() {}

  public static void main(String[] args) throws Exception {
    String format = args[0];
    int width = Integer.parseInt(args[1]);
    int height = Integer.parseInt(args[2]);
    PixelType type = PixelType.fromId(args[3]);
    long frames = Long.parseLong(args[4]);
    String sync = args[5];
    int runs = Integer.parseInt(args[6]);
    Path dir = Path.of(args[7]);
    Files.createDirectories(dir);
    DeviceInfo info =
        new DeviceInfo(
            "benchmark",
            "prepared frames",
            width,
            height,
            type,
            20.0,
            null,
            Map.of(),
            -1,
            Pace.ON_DEMAND);
    int n = width * height;
    byte[][] pool8 = new byte[16][n];
    short[][] pool16 = new short[16][n];
    for (int k = 0; k < 16; k++) {
      for (int i = 0; i < n; i++) {
        pool8[k][i] = (byte) (i * 31 + k * 7);
        pool16[k][i] = (short) (i * 31 + k * 7);
      }
    }
    WriterRegistry registry = WriterRegistry.load(WriterBenchmark.class.getClassLoader());
    WriterOptions options = new WriterOptions(OverwritePolicy.OVERWRITE, Map.of("sync", sync));
    StringBuilder out = new StringBuilder();
    for (int run = 0; run <= runs; run++) {
      Path stem = dir.resolve("bench-" + format);
      long t0 = System.nanoTime();
      List<Path> files;
      try (FrameWriter w = registry.provider(format).create()) {
        w.open(stem, info, options);
        for (long i = 0; i < frames; i++) {
          Frame.Builder b =
              Frame.builder(width, height, type)
                  .index(i)
                  .deviceTimestampMillis(50 * i)
                  .hostMonotonicNanos(50_000_000 * i)
                  .wallClock(Instant.EPOCH);
          int k = (int) (i & 15);
          w.write(
              (type == PixelType.UINT8 ? b.adoptPixels(pool8[k]) : b.adoptPixels(pool16[k]))
                  .build());
        }
        w.close();
        files = w.files();
      }
      long ns = System.nanoTime() - t0;
      long bytes = 0;
      for (Path f : files) {
        bytes += Files.size(f);
      }
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
      if (run > 0) { // run 0 warms up the JIT
        out.append(String.format(Locale.ROOT, "run %d %d %d%n", run, ns, bytes));
      }
    }
    out.append(
        String.format(
            Locale.ROOT,
            "max_heap %d%npeak_heap %d%n",
            Runtime.getRuntime().maxMemory(),
            BenchmarkMemory.peakHeapBytes()));
    System.out.print(out); // the script parses these lines
  }
}
