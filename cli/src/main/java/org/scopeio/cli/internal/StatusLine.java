package org.scopeio.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;
import org.scopeio.api.DeviceCounters;
import org.scopeio.telemetry.FrameTelemetry;
import org.scopeio.telemetry.TelemetryBuffer;

/**
 * The live status line on stderr: progress, frame rate (host and device clock), drops, battery and
 * mean brightness over the last second of telemetry; redrawn at most ten times a second, and used
 * only when stderr is a terminal.
 */
final class StatusLine {
  private static final int WIDTH = 20;
  private final PrintWriter err;
  private final long total;
  private final TelemetryBuffer telemetry;
  private final long start = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  /** {@code total} is the expected number of frames, or 0 if unknown. */
  StatusLine(PrintWriter err, long total, TelemetryBuffer telemetry) {
    this.err = err;
    this.total = total;
    this.telemetry = telemetry;
  }

  void update(long frames, DeviceCounters c) {
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L && (total == 0 || frames < total)) {
      return;
    }
    lastDraw = now;
    err.print("\r" + describe(frames, (now - start) / 1e9, c));
    err.flush();
    drawn = true;
  }

  /** The line for {@code frames} frames after {@code seconds}. */
  String describe(long frames, double seconds, DeviceCounters c) {
    StringBuilder sb = new StringBuilder();
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, WIDTH * frames / total);
      sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
      sb.append(frames).append('/').append(total);
      sb.append(String.format(Locale.ROOT, " (%d%%)", 100 * frames / total));
    } else {
      sb.append(frames);
    }
    sb.append(String.format(Locale.ROOT, " frames  %.1f s", seconds));
    sb.append(String.format(Locale.ROOT, "  %s fps", rate("interval_host_ms")));
    String device = rate("interval_device_ms");
    if (!device.equals("-")) {
      sb.append(" (device ").append(device).append(')');
    }
    sb.append("  dropped ").append(c.framesDropped());
    String battery = lastSecond("battery_voltage", "%.0f");
    if (!battery.equals("-")) {
      sb.append("  battery ").append(battery);
    }
    sb.append("  mean ").append(lastSecond("pixel_mean", "%.1f"));
    return sb.toString();
  }

  /** Frames per second from the mean interval over the last second, or "-". */
  private String rate(String interval) {
    double fps = FrameTelemetry.frameRateOverLastSecond(telemetry, interval);
    return Double.isNaN(fps) ? "-" : String.format(Locale.ROOT, "%.1f", fps);
  }

  /** The mean of {@code signal} over the last second, formatted, or "-" without samples. */
  private String lastSecond(String signal, String format) {
    double mean = FrameTelemetry.meanOverLastSecond(telemetry, signal);
    return Double.isNaN(mean) ? "-" : String.format(Locale.ROOT, format, mean);
  }

  void finish() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }
}
