package org.scopeio.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.scopeio.api.Frame;
import org.scopeio.config.ConfigStore;
import org.scopeio.format.SdLayout;
import org.scopeio.sdcard.SdCard;

/**
 * Decoding benchmark used by {@code bench/sdcard.sh}: opens (scans) a card image and reads every
 * frame, {@code runs} times after one warm-up pass, single-threaded, and prints one line per run
 * ({@code run <i> <nanoseconds> <frames> <checksum> <scan nanoseconds>}) and the peak heap use.
 */
public final class SdCardBenchmark {
  private SdCardBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path image = Path.of(args[0]);
    String layoutId = args.length > 1 ? args[1] : SdLayout.DEFAULT_ID;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    SdLayout layout = ConfigStore.standard().load(layoutId, SdLayout.TYPE);
    long bytes = Files.size(image);
    StringBuilder out = new StringBuilder();
    for (int run = 0; run <= runs; run++) {
      long t0 = System.nanoTime();
      long frames = 0;
      long checksum = 0;
      long scanned;
      try (SdCard card = SdCard.open(image, layout, layoutId)) {
        scanned = System.nanoTime() - t0;
        for (long k = 0; k < card.frameCount(); k++) {
          Frame f = card.readFrame(k);
          checksum += f.pixelAt((int) (k % f.pixelCount()));
          frames++;
        }
      }
      long ns = System.nanoTime() - t0;
      if (run > 0) { // run 0 warms up the JIT
        out.append(
            String.format(Locale.ROOT, "run %d %d %d %d %d%n", run, ns, frames, checksum, scanned));
      }
    }
    long peak = BenchmarkMemory.peakHeapBytes();
    out.append(
        String.format(
            Locale.ROOT,
            "bytes %d%nmax_heap %d%npeak_heap %d%n",
            bytes,
            Runtime.getRuntime().maxMemory(),
            peak));
    System.out.print(out); // the script parses these lines
  }
}
