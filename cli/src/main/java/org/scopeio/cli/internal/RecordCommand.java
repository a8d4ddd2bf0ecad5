package org.scopeio.cli.internal;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.Recording;
import org.scopeio.api.WriterRegistry;
import org.scopeio.api.config.ConfigStore;
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
  LimitOptions limit;

  @picocli.CommandLine.Mixin OutputOptions output = new OutputOptions();

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
    if (limit != null && limit.frames != null) {
      requirePositive(limit.frames);
    }
    Recording.Limits limits = LimitOptions.of(limit);
    try (Device dev = devices.create(device, new DeviceRequest(config, options, configs))) {
      RecordingRunner.run(
          dev,
          writers,
          output,
          limits,
          timeout,
          0,
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
    return 0;
  }

  private long requirePositive(long frames) {
    if (frames <= 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--frames must be at least 1, got " + frames);
    }
    return frames;
  }
}
