package org.scopeio.writers.internal;

import java.nio.file.Path;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.config.ConfigDocument;
import org.scopeio.api.spi.DeviceProvider;
import org.scopeio.writers.RawVideoConfig;
import org.scopeio.writers.RawVideoDevice;

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
  public Device create(DeviceRequest request) {
    request.requireOnlyOptions(type(), RawVideoConfig.OPTION_KEYS);
    RawVideoConfig config;
    Path base = null;
    if (request.findConfig().isPresent()) {
      ConfigDocument doc = request.configs().read(request.config());
      config = request.configs().bind(doc, RawVideoConfig.TYPE);
      base = doc.findFile().map(Path::toAbsolutePath).map(Path::getParent).orElse(null);
    } else {
      config = empty();
    }
    config = config.withOptions(request.options());
    // a file given as an option is relative to the working directory, not to the config
    Path file =
        request.options().containsKey("file") ? config.resolveFile(null) : config.resolveFile(base);
    return new RawVideoDevice(file, config);
  }

  private static RawVideoConfig empty() {
    return new RawVideoConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }
}
