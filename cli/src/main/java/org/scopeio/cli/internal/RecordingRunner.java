package org.scopeio.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.ScopeioException;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;
import org.scopeio.api.WriterRegistry;
import org.scopeio.core.OutputFiles;
import org.scopeio.core.Recording;
import org.scopeio.live.LiveView;
import org.scopeio.telemetry.FrameTelemetry;
import org.scopeio.telemetry.TelemetryCsv;
import org.scopeio.writers.CompositeWriter;

/**
 * What every writing command does: check the outputs, open the device, record with a progress bar
 * on a terminal and a clean stop on Ctrl+C, print the summary.
 */
final class RecordingRunner {
  /** Suffix of the telemetry CSV after the output stem. */
  static final String TELEMETRY = "_telemetry.csv";

  /** Frames of telemetry held in memory (the CSV gets every frame's statistics regardless). */
  static final int TELEMETRY_FRAMES = 1 << 16;

  private RecordingRunner() {}

  /**
   * Records an unopened device.
   *
   * @param timeout how long to wait for a frame; {@code null} for the device's pace's default
   *     ({@link Recording#frameTimeout})
   */
  static Recording.Summary run(
      Device device,
      WriterRegistry writers,
      OutputOptions output,
      Recording.Limits limits,
      Duration timeout,
      PrintWriter stdout,
      PrintWriter stderr)
      throws InterruptedException {
    CompositeWriter writer = CompositeWriter.forFormats(writers, output.formats);
    // nothing the device reads may be written, whatever --force says
    WriterOptions options = output.writerOptions().withInputs(device.inputs());
    writer.checkOutputs(output.out, options); // before the device starts
    Path telemetryPath = OutputFiles.withSuffix(output.out, TELEMETRY);
    OutputFiles.prepare(telemetryPath, options);
    try (StemLock lock = StemLock.acquire(output.out, telemetryPath)) {
      return record(
          device, writer, options, output, limits, timeout, stdout, stderr, telemetryPath, lock);
    }
  }

  /**
   * Checks what is the same for every input of a command, the formats and the writer settings, so
   * that a command given several inputs ({@link InputBatch}) refuses them once, before the first.
   *
   * @throws IllegalArgumentException naming the format or setting
   */
  static void checkFormats(WriterRegistry writers, OutputOptions output) {
    CompositeWriter.forFormats(writers, output.formats);
    output.writerOptions();
  }

  private static Recording.Summary record(
      Device device,
      CompositeWriter writer,
      WriterOptions options,
      OutputOptions output,
      Recording.Limits limits,
      Duration timeout,
      PrintWriter stdout,
      PrintWriter stderr,
      Path telemetryPath,
      StemLock lock)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              try {
                done.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "scopeio-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      DeviceInfo info = device.open();
      Duration frameTimeout = timeout != null ? timeout : Recording.frameTimeout(info.pace());
      stderr.println("Reading from " + device.type() + ": " + info.description());
      stderr.flush();
      // the frames asked for, or those the device says it will give
      long total = limits.frames() > 0 ? limits.frames() : Math.max(0, info.frameCount());
      FrameTelemetry telemetry = FrameTelemetry.forStream(info, TELEMETRY_FRAMES);
      LiveView live = startLive(output, info, telemetry, stderr);
      StatusLine line =
          System.console() != null ? new StatusLine(stderr, total, telemetry.buffer()) : null;
      Recording.Summary summary;
      lock.keep(); // the telemetry file is this recording's from here on
      try (live;
          TelemetryCsv csv = new TelemetryCsv(telemetry.buffer(), telemetryPath)) {
        Recording recording =
            new Recording(device, writer, limits, frameTimeout)
                .stopWhen(stop::get)
                .onFrame(telemetry);
        if (live != null) {
          recording.onFrame(live);
        }
        summary =
            recording
                .onFrame(
                    (f, c) -> {
                      try {
                        csv.update();
                      } catch (IOException e) {
                        throw new WriteException(telemetryPath, f.index(), "cannot write", e);
                      }
                      if (line != null) {
                        line.update(telemetry.frames(), c);
                      }
                    })
                .run(output.out, options);
      } catch (IOException e) {
        throw new WriteException(telemetryPath, WriteException.NO_FRAME, "cannot write", e);
      }
      if (line != null) {
        line.finish();
      }
      printSummary(stdout, device.type(), info, summary, telemetry, telemetryPath, device.report());
      requireWhatWasAsked(limits, summary);
      return summary;
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting (Ctrl+C); the hook has seen 'done'
      }
    }
  }

  /**
   * Fails, after the summary, when the device's data ended before the frames or the time asked for:
   * a recording that did less than asked must not exit 0.
   */
  static void requireWhatWasAsked(Recording.Limits limits, Recording.Summary s) {
    if (s.endReason() != Recording.EndReason.END_OF_DATA) {
      return;
    }
    if (limits.frames() > 0 && s.framesWritten() < limits.frames()) {
      throw new ScopeioException(
          "the device's data ended after "
              + s.framesWritten()
              + " frames, but --frames asked for "
              + limits.frames()
              + "; the files hold the "
              + s.framesWritten()
              + " frames that came");
    }
    if (limits.duration().isPresent()) {
      throw new ScopeioException(
          "the device's data ended after "
              + String.format(Locale.ROOT, "%.2f", s.elapsed().toNanos() / 1e9)
              + " s, before the --duration asked for ("
              + limits.duration().get().toSeconds()
              + " s); the files hold the "
              + s.framesWritten()
              + " frames that came");
    }
  }

  /** Starts the live view if {@code --live} asked for it, and says where it is. */
  private static LiveView startLive(
      OutputOptions output, DeviceInfo info, FrameTelemetry telemetry, PrintWriter stderr) {
    if (output.live.port().isEmpty()) {
      return null;
    }
    LiveView.Settings settings = LiveView.Settings.of(output.live.port().getAsInt(), output.out);
    try {
      LiveView view = LiveView.start(settings, info, telemetry);
      stderr.println("Live view: " + view.uri());
      stderr.flush();
      return view;
    } catch (IOException e) {
      // the port is taken or not ours to bind: the user's choice to change
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static void printSummary(
      PrintWriter out,
      String device,
      DeviceInfo info,
      Recording.Summary s,
      FrameTelemetry telemetry,
      Path telemetryPath,
      List<String> report) {
    DeviceCounters c = s.counters();
    double seconds = s.elapsed().toNanos() / 1e9;
    out.printf(
        Locale.ROOT,
        "Recorded %d frames from %s (%s)%n",
        s.framesWritten(),
        device,
        info.description());
    out.printf(
        Locale.ROOT,
        "  duration   %.2f s (%.1f frames/s)%n",
        seconds,
        seconds > 0 ? s.framesWritten() / seconds : 0.0);
    out.printf(
        Locale.ROOT,
        "  dropped    %d frames (recorded as gaps), %d buffers%n",
        c.framesDropped(),
        c.buffersDropped());
    out.printf(Locale.ROOT, "  missing    %d buffers%n", c.buffersMissing());
    out.printf(
        Locale.ROOT,
        "  incomplete %d frames (%d pixels padded with zeros)%n",
        telemetry.incompleteFrames(),
        telemetry.paddedPixels());
    if (telemetry.suspectPixels() > 0) {
      out.printf(
          Locale.ROOT,
          "  suspect    %d frames (%d pixels decoded after a bit slip inside them)%n",
          telemetry.suspectFrames(),
          telemetry.suspectPixels());
    }
    if (telemetry.recoveredBuffers() > 0) {
      out.printf(
          Locale.ROOT,
          "  recovered  %d buffers found after a corrupted preamble (their pixels are exact)%n",
          telemetry.recoveredBuffers());
    }
    out.printf(
        Locale.ROOT,
        "  ended by   %s%n",
        s.endReason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    String label = "  files      ";
    for (Path p : s.files()) {
      out.println(label + p);
      label = "             ";
    }
    out.println("  telemetry  " + telemetryPath);
    for (String line : report) {
      int colon = line.indexOf(": ");
      out.printf(Locale.ROOT, "  %-10s %s%n", line.substring(0, colon), line.substring(colon + 2));
    }
    out.flush();
  }
}
