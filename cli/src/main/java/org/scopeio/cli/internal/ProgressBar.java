package org.scopeio.cli.internal;

import java.io.PrintWriter;
import org.scopeio.api.DeviceCounters;

/**
 * A one-line progress display on stderr, redrawn at most ten times a second; used only when stderr
 * is a terminal.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final long total;
  private final long start = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  /** {@code total} is the expected number of frames, or 0 if unknown. */
  ProgressBar(PrintWriter err, long total) {
    this.err = err;
    this.total = total;
  }

  void update(long frames, DeviceCounters c) {
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L && (total == 0 || frames < total)) {
      return;
    }
    lastDraw = now;
    double seconds = (now - start) / 1e9;
    StringBuilder sb = new StringBuilder("\r");
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, WIDTH * frames / total);
      sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
      sb.append(frames).append('/').append(total);
    } else {
      sb.append(frames);
    }
    sb.append(
        String.format(" frames  %.1f s  %.1f fps", seconds, seconds > 0 ? frames / seconds : 0));
    sb.append("  dropped ").append(c.framesDropped());
    err.print(sb);
    err.flush();
    drawn = true;
  }

  void finish() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }
}
