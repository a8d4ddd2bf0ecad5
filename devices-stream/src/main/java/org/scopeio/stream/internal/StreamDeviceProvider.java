package org.scopeio.stream.internal;

import java.nio.file.Path;
import java.util.Set;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.ConfigException;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.api.config.ConfigTypes;
import org.scopeio.api.format.StreamDevConfig;
import org.scopeio.api.spi.DeviceProvider;
import org.scopeio.stream.StreamDevice;
import org.scopeio.stream.StreamSource;

/**
 * ServiceLoader entry of the {@code stream} device. Config: a stream device config (default {@code
 * wireless-200px}). Options: {@code source} ({@code file:PATH} or {@code serial:PORT[@BAUD]},
 * required), {@code header_format} (default {@code stream-buffer-header}), {@code binary} (save the
 * raw bytes to this path), {@code queue_size} and {@code overflow} (frames held for a slow consumer
 * of a live source, and what happens when they are too many).
 */
public final class StreamDeviceProvider implements DeviceProvider {
  @Override
  public String type() {
    return "stream";
  }

  @Override
  public String description() {
    return "wireless miniscope byte stream (-O source=file:capture.bin | serial:PORT@BAUD)";
  }

  @Override
  public Device create(DeviceRequest request) {
    request.requireOnlyOptions(
        type(),
        Set.of(
            "source",
            "header_format",
            "binary",
            "queue_size",
            "overflow",
            "usb_serial",
            "usb_interface",
            "transfer_size",
            "transfers_in_flight"));
    String configId = request.findConfig().orElse("wireless-200px");
    StreamDevConfig config = request.configs().load(configId, StreamDevConfig.TYPE);
    BufferHeaderFormat format =
        request
            .configs()
            .load(
                request.options().getOrDefault("header_format", "stream-buffer-header"),
                ConfigTypes.BUFFER_HEADER_FORMAT);
    String text = request.options().get("source");
    if (text == null) {
      throw new ConfigException(
          "device 'stream' options", "source", "required: file:PATH or serial:PORT[@BAUD]");
    }
    StreamSource source = StreamSource.parse(text);
    StreamDevice.Options options;
    try {
      options =
          new StreamDevice.Options(
              source.live(),
              Integer.parseInt(
                  request
                      .options()
                      .getOrDefault(
                          "queue_size", String.valueOf(config.runtime().imageBufferQueueSize()))),
              OverflowPolicy.fromId(request.options().getOrDefault("overflow", "drop-newest")),
              request.options().containsKey("binary")
                  ? Path.of(request.options().get("binary"))
                  : null,
              source.kind() == StreamSource.Kind.FILE
                  ? java.util.Set.of(source.path())
                  : java.util.Set.of());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("device 'stream' options", null, e.getMessage(), e);
    }
    java.util.Map<String, String> o = request.options();
    return new StreamDevice(config, configId, format, c -> source.open(c, o), options);
  }
}
