package org.scopeio.stream.internal;

import java.nio.file.Path;
import java.util.Set;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.ConfigException;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.config.ConfigTypes;
import org.scopeio.api.format.StreamDevConfig;
import org.scopeio.api.spi.DeviceProvider;
import org.scopeio.stream.FileByteSource;
import org.scopeio.stream.StreamDevice;

/**
 * ServiceLoader entry of the {@code stream} device. Config: a stream device config (default {@code
 * wireless-200px}). Options: {@code source} ({@code file:PATH}, required), {@code header_format}
 * (default {@code stream-buffer-header}).
 */
public final class StreamDeviceProvider implements DeviceProvider {
  @Override
  public String type() {
    return "stream";
  }

  @Override
  public String description() {
    return "wireless miniscope byte stream (-O source=file:capture.bin)";
  }

  @Override
  public Device create(DeviceRequest request) {
    request.requireOnlyOptions(type(), Set.of("source", "header_format"));
    String configId = request.findConfig().orElse("wireless-200px");
    StreamDevConfig config = request.configs().load(configId, StreamDevConfig.TYPE);
    BufferHeaderFormat format =
        request
            .configs()
            .load(
                request.options().getOrDefault("header_format", "stream-buffer-header"),
                ConfigTypes.BUFFER_HEADER_FORMAT);
    String source = request.options().get("source");
    if (source == null || !source.startsWith("file:") || source.length() == 5) {
      throw new ConfigException(
          "device 'stream' options",
          "source",
          "expected file:PATH (a raw capture), got "
              + (source == null ? "nothing" : "'" + source + "'"));
    }
    Path path = Path.of(source.substring(5));
    return new StreamDevice(config, configId, format, c -> new FileByteSource(path));
  }
}
