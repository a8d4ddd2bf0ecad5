package org.scopeio.cli.internal;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.WriterRegistry;
import org.scopeio.config.ConfigStore;
import org.scopeio.config.ConfigTypes;
import org.scopeio.core.OutputFiles;
import org.scopeio.core.Recording;
import org.scopeio.format.StreamDevConfig;
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

  /**
   * Creates the {@code stream} device through the registry, as any host application would, and
   * records it: the command line only spells the device's options.
   */
  static Recording.Summary run(
      CommandSpec spec,
      DeviceRegistry deviceRegistry,
      ConfigStore configStore,
      WriterRegistry writerRegistry,
      StreamConfigOptions o,
      OutputOptions output,
      Map<String, String> deviceOptions,
      Recording.Limits limits)
      throws InterruptedException {
    Map<String, String> all = new LinkedHashMap<>(deviceOptions);
    all.put("header_format", o.headerFormat);
    try (Device device =
        deviceRegistry.create("stream", new DeviceRequest(o.config, all, configStore))) {
      if (all.containsKey("binary")) {
        OutputFiles.prepare(Path.of(all.get("binary")), output.overwrite(), device.inputs());
      }
      return RecordingRunner.run(
          device,
          writerRegistry,
          output,
          limits,
          null,
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
  }

  /** {@code scopeio stream capture}. */
  @Command(
      name = "capture",
      mixinStandardHelpOptions = true,
      description = "Capture a live stream (serial port, capture file or the simulator).")
  public static final class Capture implements java.util.concurrent.Callable<Integer> {
    private final Provider<DeviceRegistry> devices;
    private final Provider<ConfigStore> configs;
    private final Provider<WriterRegistry> writers;
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
        description = "Frames held for a slow writer. Default: 64.")
    Integer queueSize;

    @Option(
        names = "--overflow",
        description = "block, drop-newest or drop-oldest. Default: drop-newest.")
    String overflow;

    @Option(names = "--usb-serial", description = "USB source: the device's serial number.")
    String usbSerial;

    @Option(
        names = "--usb-interface",
        converter = Bounded.UsbInterface.class,
        description = "USB source: interface to claim. Default: 0.")
    Integer usbInterface;

    @Option(
        names = "--transfer-size",
        converter = Bounded.TransferSize.class,
        description = "USB source: bytes per bulk transfer. Default: 16384.")
    Integer transferSize;

    @Option(
        names = "--transfers-in-flight",
        converter = Bounded.TransfersInFlight.class,
        description = "USB source: transfers kept submitted. Default: 8.")
    Integer transfersInFlight;

    @Option(names = "--seed", description = "Seed of the simulated source. Default: 1.")
    Long seed;

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
    public Capture(
        Provider<DeviceRegistry> devices,
        Provider<ConfigStore> configs,
        Provider<WriterRegistry> writers) {
      this.devices = devices;
      this.configs = configs;
      this.writers = writers;
    }

    @Override
    public Integer call() throws Exception {
      Map<String, String> o = new LinkedHashMap<>();
      o.put("source", source);
      if (binary) {
        o.put("binary", output.out + ".bin");
      }
      put(o, "queue_size", queueSize);
      put(o, "overflow", overflow);
      put(o, "usb_serial", usbSerial);
      put(o, "usb_interface", usbInterface);
      put(o, "transfer_size", transferSize);
      put(o, "transfers_in_flight", transfersInFlight);
      put(o, "seed", seed);
      put(o, "pacing", pacing);
      if (!faults.isEmpty()) {
        o.put("fault", String.join(",", faults));
      }
      if (source.equals("simulated") && limit != null && limit.frames != null) {
        o.put("frames", String.valueOf(limit.frames)); // the simulated stream ends there
      }
      StreamCommand.run(
          spec,
          devices.get(),
          configs.get(),
          writers.get(),
          stream,
          output,
          o,
          LimitOptions.of(limit));
      return 0;
    }

    private static void put(Map<String, String> options, String name, Object value) {
      if (value != null) {
        options.put(name, String.valueOf(value));
      }
    }
  }

  /** {@code scopeio stream decode}. */
  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = "Decode a capture file (the bytes as received) offline.")
  public static final class Decode implements java.util.concurrent.Callable<Integer> {
    private final Provider<DeviceRegistry> devices;
    private final Provider<ConfigStore> configs;
    private final Provider<WriterRegistry> writers;
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin StreamConfigOptions stream = new StreamConfigOptions();
    @picocli.CommandLine.Mixin OutputOptions output = new OutputOptions();

    @Parameters(
        paramLabel = "<capture>",
        arity = "1..*",
        description =
            "Capture file (the bytes as received). Several are decoded one after another, in one"
                + " process; --out then names a folder, where each capture's files take its name"
                + " without the extension.")
    List<Path> captures;

    @Inject
    public Decode(
        Provider<DeviceRegistry> devices,
        Provider<ConfigStore> configs,
        Provider<WriterRegistry> writers) {
      this.devices = devices;
      this.configs = configs;
      this.writers = writers;
    }

    @Override
    public Integer call() throws Exception {
      return InputBatch.run(
          captures,
          output.fromFile(),
          spec.commandLine().getErr(),
          () -> {
            RecordingRunner.checkFormats(writers.get(), output);
            configs.get().load(stream.config, StreamDevConfig.TYPE);
            configs.get().load(stream.headerFormat, ConfigTypes.BUFFER_HEADER_FORMAT);
          },
          (capture, out) ->
              StreamCommand.run(
                  spec,
                  devices.get(),
                  configs.get(),
                  writers.get(),
                  stream,
                  out,
                  Map.of("source", "file:" + capture),
                  Recording.Limits.none()));
    }
  }
}
