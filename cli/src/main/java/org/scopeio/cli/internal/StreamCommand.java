package org.scopeio.cli.internal;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.api.WriterRegistry;
import org.scopeio.config.ConfigStore;
import org.scopeio.config.ConfigTypes;
import org.scopeio.core.EnumIds;
import org.scopeio.core.OutputFiles;
import org.scopeio.core.Pacing;
import org.scopeio.core.Recording;
import org.scopeio.format.StreamDevConfig;
import org.scopeio.simulator.StreamEncoder;
import org.scopeio.stream.ByteSource;
import org.scopeio.stream.FileByteSource;
import org.scopeio.stream.InputStreamByteSource;
import org.scopeio.stream.StreamDevice;
import org.scopeio.stream.StreamSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scopeio stream capture|decode}. */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = "Capture and decode wireless miniscope streams.",
    subcommands = {StreamCommand.Capture.class, StreamCommand.Decode.class})
public final class StreamCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing command: 'stream capture' or 'stream decode'");
  }

  /** The stream config and header format options shared by capture and decode. */
  static final class StreamConfigOptions {
    @Option(
        names = "--config",
        defaultValue = "wireless-200px",
        paramLabel = "<id|path>",
        description = "Stream device config. Default: ${DEFAULT-VALUE}.")
    String config;

    @Option(
        names = "--header-format",
        defaultValue = "stream-buffer-header",
        paramLabel = "<id|path>",
        description = "Buffer header format. Default: ${DEFAULT-VALUE}.")
    String headerFormat;
  }

  static int run(
      CommandSpec spec,
      ConfigStore configs,
      WriterRegistry writers,
      StreamConfigOptions o,
      OutputOptions output,
      java.util.function.Function<StreamDevConfig, ByteSource> source,
      StreamDevice.Options options,
      Recording.Limits limits)
      throws InterruptedException {
    StreamDevConfig config = configs.load(o.config, StreamDevConfig.TYPE);
    BufferHeaderFormat format = configs.load(o.headerFormat, ConfigTypes.BUFFER_HEADER_FORMAT);
    if (options.binaryCapture() != null) {
      OutputFiles.prepare(options.binaryCapture(), output.overwrite(), options.inputs());
    }
    try (StreamDevice device = new StreamDevice(config, o.config, format, source, options)) {
      RecordingRunner.run(
          device,
          writers,
          output,
          limits,
          options.live() ? Duration.ofSeconds(10) : Duration.ofDays(366),
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
    return 0;
  }

  /** {@code scopeio stream capture}. */
  @Command(
      name = "capture",
      mixinStandardHelpOptions = true,
      description = "Capture a live stream (serial port, capture file or the simulator).")
  public static final class Capture implements java.util.concurrent.Callable<Integer> {
    private final ConfigStore configs;
    private final WriterRegistry writers;
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin StreamConfigOptions stream = new StreamConfigOptions();
    @picocli.CommandLine.Mixin OutputOptions output = new OutputOptions();

    @Option(
        names = "--source",
        required = true,
        paramLabel = "SOURCE",
        description = "serial:PORT[@BAUD], usb:VID:PID[:ENDPOINT], file:RAW or simulated.")
    String source;

    @Option(names = "--binary", description = "Also save the raw bytes to <stem>.bin.")
    boolean binary;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    LimitOptions limit;

    @Option(
        names = "--queue-size",
        converter = Bounded.QueueSize.class,
        defaultValue = "64",
        description = "Frames held for a slow writer. Default: ${DEFAULT-VALUE}.")
    int queueSize;

    @Option(
        names = "--overflow",
        defaultValue = "drop-newest",
        description = "block, drop-newest or drop-oldest. Default: ${DEFAULT-VALUE}.")
    String overflow;

    @Option(names = "--usb-serial", description = "USB source: the device's serial number.")
    String usbSerial;

    @Option(
        names = "--usb-interface",
        converter = Bounded.UsbInterface.class,
        defaultValue = "0",
        description = "USB source: interface to claim. Default: ${DEFAULT-VALUE}.")
    int usbInterface;

    @Option(
        names = "--transfer-size",
        converter = Bounded.TransferSize.class,
        defaultValue = "16384",
        description = "USB source: bytes per bulk transfer. Default: ${DEFAULT-VALUE}.")
    int transferSize;

    @Option(
        names = "--transfers-in-flight",
        converter = Bounded.TransfersInFlight.class,
        defaultValue = "8",
        description = "USB source: transfers kept submitted. Default: ${DEFAULT-VALUE}.")
    int transfersInFlight;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated source.")
    long seed;

    @Option(
        names = "--pacing",
        description =
            "real-time or as-fast-as-possible: how fast the simulated source sends (default"
                + " real-time), or a file: source is read (default as fast as possible).")
    String pacing;

    @Option(
        names = "--fault",
        split = ",",
        paramLabel = "FAULT",
        description = "Faults of the simulated source (see 'simulate stream --help').")
    List<String> faults = new ArrayList<>();

    @Inject
    public Capture(ConfigStore configs, WriterRegistry writers) {
      this.configs = configs;
      this.writers = writers;
    }

    @Override
    public Integer call() throws Exception {
      Recording.Limits limits = LimitOptions.of(limit);
      java.util.function.Function<StreamDevConfig, ByteSource> factory;
      boolean live = true;
      if (source.equals("simulated")) {
        BufferHeaderFormat format =
            configs.load(stream.headerFormat, ConfigTypes.BUFFER_HEADER_FORMAT);
        int frames =
            limit != null && limit.frames != null ? (int) (long) limit.frames : Integer.MAX_VALUE;
        Set<StreamEncoder.Fault> f = new HashSet<>();
        for (String s : faults) {
          f.add(StreamEncoder.Fault.fromId(s));
        }
        Pacing p = Pacing.fromId(pacing == null ? "real-time" : pacing);
        factory =
            c ->
                new InputStreamByteSource(
                    "simulated (seed " + seed + ", " + p.id() + ")",
                    new StreamEncoder(c, format, seed, frames, f).openStream(p));
      } else {
        StreamSource s = StreamSource.parse(source);
        live = s.live();
        StreamSource.UsbSettings usb =
            new StreamSource.UsbSettings(usbSerial, usbInterface, transferSize, transfersInFlight);
        boolean pacedFile =
            s.kind() == StreamSource.Kind.FILE
                && pacing != null
                && Pacing.fromId(pacing) == Pacing.REAL_TIME;
        factory =
            c ->
                pacedFile
                    ? new org.scopeio.stream.PacedByteSource(
                        s.open(c, usb), org.scopeio.stream.PacedByteSource.deviceRate(c))
                    : s.open(c, usb);
      }
      StreamDevice.Options options =
          new StreamDevice.Options(
              live,
              queueSize,
              EnumIds.parse(OverflowPolicy.class, overflow, "overflow policy"),
              binary ? Path.of(output.out + ".bin") : null,
              fileOf(source));
      return StreamCommand.run(spec, configs, writers, stream, output, factory, options, limits);
    }
  }

  /** The capture file a {@code --source} reads, if it is one. */
  static java.util.Set<Path> fileOf(String source) {
    if (source.equals("simulated")) {
      return java.util.Set.of();
    }
    StreamSource s = StreamSource.parse(source);
    return s.kind() == StreamSource.Kind.FILE ? java.util.Set.of(s.path()) : java.util.Set.of();
  }

  /** {@code scopeio stream decode}. */
  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = "Decode a raw capture file offline.")
  public static final class Decode implements java.util.concurrent.Callable<Integer> {
    private final ConfigStore configs;
    private final WriterRegistry writers;
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin StreamConfigOptions stream = new StreamConfigOptions();
    @picocli.CommandLine.Mixin OutputOptions output = new OutputOptions();

    @Parameters(paramLabel = "<raw>", description = "Raw capture (the bytes as received).")
    Path raw;

    @Inject
    public Decode(ConfigStore configs, WriterRegistry writers) {
      this.configs = configs;
      this.writers = writers;
    }

    @Override
    public Integer call() throws Exception {
      return StreamCommand.run(
          spec,
          configs,
          writers,
          stream,
          output.fromFile(),
          c -> new FileByteSource(raw),
          StreamDevice.Options.offline(raw),
          Recording.Limits.none());
    }
  }
}
