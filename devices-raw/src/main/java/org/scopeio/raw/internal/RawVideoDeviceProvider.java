package org.scopeio.raw.internal;

import java.nio.file.Path;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.spi.DeviceProvider;
import org.scopeio.raw.RawVideoConfig;
import org.scopeio.raw.RawVideoDevice;

/** ServiceLoader entry for the {@code raw} device. */
public final class RawVideoDeviceProvider implements DeviceProvider {
  @Override
  public String type() {
    return "raw";
  }

  @Override
  public String description() {
    return "plays a raw video file (any axis order and dtype, or Scopeio's .raw) as a camera";
  }

  @Override
  public java.util.List<org.scopeio.api.spi.DeviceOption> options() {
    return RawVideoConfig.OPTIONS;
  }

  @Override
  public Device create(DeviceRequest request) {
    // value_range is written low:high on the command line, [low, high] in a config
    java.util.Map<String, String> options = new java.util.HashMap<>(request.options());
    options.computeIfPresent("value_range", (k, v) -> "[" + v.replace(':', ',') + "]");
    RawVideoConfig config;
    Path base = null;
    if (request.findConfig().isPresent()) {
      config = request.configs().load(request.config(), RawVideoConfig.TYPE, options);
      base =
          request
              .configs()
              .fileOf(request.config())
              .map(Path::toAbsolutePath)
              .map(Path::getParent)
              .orElse(null);
    } else {
      config = request.configs().fromValues(RawVideoConfig.TYPE, options, "device 'raw'");
    }
    // a file given as an option is relative to the working directory, not to the config
    Path file =
        request.options().containsKey("file") ? config.resolveFile(null) : config.resolveFile(base);
    return new RawVideoDevice(file, config);
  }
}
