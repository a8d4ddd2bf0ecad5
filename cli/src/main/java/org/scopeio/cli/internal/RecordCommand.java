package org.scopeio.cli.internal;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.Recording;
import org.scopeio.api.StreamInfo;
import org.scopeio.api.WriterOptions;
import org.scopeio.api.WriterRegistry;
import org.scopeio.api.config.ConfigStore;
import org.scopeio.writers.CompositeWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scopeio record}: the main job. */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = {
      "Record frames from a device into one or more formats.",
      "Without --device it records the simulated miniscope (no hardware needed)."
    })
public final class RecordCommand implements java.util.concurrent.Callable<Integer> {
  private final DeviceRegistry devices;
  private final WriterRegistry writers;
  private final ConfigStore configs;
  @Spec CommandSpec spec;

  @Option(
      names = "--device",
      defaultValue = "simulated",
      description = "Device type (see 'scopeio devices'). Default: ${DEFAULT-VALUE}.")
  String device;

  @Option(
      names = "--config",
      paramLabel = "<id|path>",
      description = "Device config id or YAML path (default: the device's own).")
  String config;

  @Option(
      names = {"-O", "--option"},
      paramLabel = "KEY=VALUE",
      description =
          "Device option overriding the config, e.g. -O seed=7 -O pacing=as-fast-as-possible.")
  Map<String, String> options = new LinkedHashMap<>();

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Limit limit;

  static final class Limit {
    @Option(names = "--frames", paramLabel = "N", description = "Stop after N frames.")
    Long frames;

    @Option(
        names = "--duration",
        paramLabel = "TIME",
        converter = DurationConverter.class,
        description = "Stop after this time, e.g. 10s, 2m, 1h.")
    Duration duration;
  }

  @Option(
      names = "--out",
      required = true,
      paramLabel = "<stem>",
      description = "Output path without extension; each format adds its own.")
  Path out;

  @Option(
      names = "--format",
      split = ",",
      defaultValue = "raw,csv",
      paramLabel = "FMT[,FMT...]",
      description = "Output formats (see 'scopeio formats'). Default: ${DEFAULT-VALUE}.")
  List<String> formats;

  @Option(names = "--force", description = "Overwrite existing output files.")
  boolean force;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      paramLabel = "TIME",
      description = "Give up when no frame arrives for this long. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Inject
  public RecordCommand(DeviceRegistry devices, WriterRegistry writers, ConfigStore configs) {
    this.devices = devices;
    this.writers = writers;
    this.configs = configs;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Recording.Limits limits =
        limit == null
            ? Recording.Limits.none()
            : limit.frames != null
                ? Recording.Limits.frames(requirePositive(limit.frames))
                : Recording.Limits.duration(limit.duration);
    CompositeWriter writer = CompositeWriter.forFormats(writers, formats);
    WriterOptions writerOptions =
        new WriterOptions(
            force ? OverwritePolicy.OVERWRITE : OverwritePolicy.FAIL_IF_EXISTS, Map.of());
    writer.checkOutputs(out, writerOptions); // before the device starts
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
            "scopeio-record-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (Device dev = devices.create(device, new DeviceRequest(config, options, configs))) {
      StreamInfo info = dev.open();
      stderr.println("Recording from " + device + ": " + info.description());
      stderr.flush();
      ProgressBar bar =
          System.console() != null
              ? new ProgressBar(stderr, limit != null && limit.frames != null ? limit.frames : 0)
              : null;
      long[] count = {0};
      Recording.Summary summary =
          new Recording(dev, writer, limits, timeout)
              .stopWhen(stop::get)
              .onFrame(
                  (f, c) -> {
                    count[0]++;
                    if (bar != null) {
                      bar.update(count[0], c);
                    }
                  })
              .run(out, writerOptions);
      if (bar != null) {
        bar.finish();
      }
      printSummary(stdout, device, info, summary);
      return 0;
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting (Ctrl+C); the hook has seen 'done'
      }
    }
  }

  private long requirePositive(long frames) {
    if (frames <= 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--frames must be at least 1, got " + frames);
    }
    return frames;
  }

  static void printSummary(PrintWriter out, String device, StreamInfo info, Recording.Summary s) {
    DeviceCounters c = s.counters();
    double seconds = s.elapsed().toNanos() / 1e9;
    out.printf("Recorded %d frames from %s (%s)%n", s.framesWritten(), device, info.description());
    out.printf(
        "  duration   %.2f s (%.1f frames/s)%n",
        seconds, seconds > 0 ? s.framesWritten() / seconds : 0.0);
    out.printf(
        "  dropped    %d frames (recorded as gaps), %d buffers%n",
        c.framesDropped(), c.buffersDropped());
    out.printf("  missing    %d buffers%n", c.buffersMissing());
    out.printf("  ended by   %s%n", s.endReason().name().toLowerCase().replace('_', ' '));
    String label = "  files      ";
    for (Path p : s.files()) {
      out.println(label + p);
      label = "             ";
    }
    out.flush();
  }

  Optional<Limit> limit() {
    return Optional.ofNullable(limit);
  }
}
