package org.scopeio.cli.internal;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.WriterRegistry;
import org.scopeio.config.ConfigStore;
import org.scopeio.core.Recording;
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
  private final Provider<DeviceRegistry> devices;
  private final Provider<WriterRegistry> writers;
  private final Provider<ConfigStore> configs;
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
      converter = DurationConverter.class,
      paramLabel = "TIME",
      description =
          "Give up when no frame arrives for this long. Default: 10s for a live device, none"
              + " for a file.")
  Duration timeout;

  @Inject
  public RecordCommand(
      Provider<DeviceRegistry> devices,
      Provider<WriterRegistry> writers,
      Provider<ConfigStore> configs) {
    this.devices = devices;
    this.writers = writers;
    this.configs = configs;
  }

  @Override
  public Integer call() throws Exception {
    Recording.Limits limits = LimitOptions.of(limit);
    Map<String, String> asked = new LinkedHashMap<>(options);
    // a device that makes its own data ends after its 'frames' option; what the command line asks
    // for wins over the config's value (0 = endless, so that --duration decides)
    if (limit != null
        && !asked.containsKey(LENGTH_OPTION)
        && devices.get().provider(device).options().stream()
            .anyMatch(o -> o.name().equals(LENGTH_OPTION))) {
      asked.put(LENGTH_OPTION, limit.frames != null ? String.valueOf(limit.frames) : "0");
    }
    try (Device dev =
        devices.get().create(device, new DeviceRequest(config, asked, configs.get()))) {
      RecordingRunner.run(
          dev,
          writers.get(),
          output,
          limits,
          timeout,
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
    return 0;
  }

  /**
   * The device option that says how many frames a device that makes its own data gives before its
   * end of data (0 for endless); {@code --frames} and {@code --duration} set it unless {@code -O}
   * does.
   */
  static final String LENGTH_OPTION = "frames";
}
