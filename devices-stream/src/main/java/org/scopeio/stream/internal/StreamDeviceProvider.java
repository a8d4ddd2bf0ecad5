package org.scopeio.stream.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.ConfigException;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.api.spi.DeviceOption;
import org.scopeio.api.spi.DeviceProvider;
import org.scopeio.config.ConfigTypes;
import org.scopeio.core.EnumIds;
import org.scopeio.format.StreamDevConfig;
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
  public List<DeviceOption> options() {
    return List.of(
        new DeviceOption(
            "source",
            "file:PATH, serial:PORT[@BAUD] or usb:VID:PID[:ENDPOINT]",
            "",
            "where the bytes come from (required)"),
        new DeviceOption(
            "header_format", "config id or path", "stream-buffer-header", "buffer header format"),
        new DeviceOption("binary", "path", "", "also save the bytes as received to this file"),
        new DeviceOption(
            "queue_size",
            "1 to " + MAX_QUEUE,
            "the config's image_buffer_queue_size",
            "frames held for a slow consumer of a live source"),
        new DeviceOption(
            "overflow",
            "block, drop-newest or drop-oldest",
            "drop-newest",
            "what a full queue does"),
        new DeviceOption("usb_serial", "text", "", "USB: the serial number of the device to open"),
        new DeviceOption("usb_interface", "0 to 255", "0", "USB: the interface to claim"),
        new DeviceOption(
            "transfer_size", "512 to 16777216", "16384", "USB: bytes per bulk transfer"),
        new DeviceOption("transfers_in_flight", "1 to 64", "8", "USB: transfers kept submitted"));
  }

  /** Most frames the hand-off queue holds. */
  static final int MAX_QUEUE = 4096;

  @Override
  public Device create(DeviceRequest request) {
    String configId = request.findConfig().orElse("wireless-200px");
    StreamDevConfig config = request.configs().load(configId, StreamDevConfig.TYPE);
    BufferHeaderFormat format =
        request
            .configs()
            .load(
                request.text("header_format").orElse("stream-buffer-header"),
                ConfigTypes.BUFFER_HEADER_FORMAT);
    StreamSource source =
        StreamSource.parse(
            request
                .text("source")
                .orElseThrow(
                    () ->
                        new ConfigException(
                            "device 'stream'",
                            "source",
                            "required: -O source=file:PATH, serial:PORT[@BAUD] or"
                                + " usb:VID:PID[:ENDPOINT]")));
    StreamDevice.Options options =
        new StreamDevice.Options(
            source.live(),
            (int)
                request.wholeNumber(
                    "queue_size", 1, MAX_QUEUE, config.runtime().imageBufferQueueSize()),
            request
                .text("overflow")
                .map(StreamDeviceProvider::overflow)
                .orElse(OverflowPolicy.DROP_NEWEST),
            request.text("binary").map(Path::of).orElse(null),
            source.kind() == StreamSource.Kind.FILE ? Set.of(source.path()) : Set.of());
    StreamSource.UsbSettings usb =
        new StreamSource.UsbSettings(
            request.text("usb_serial").orElse(null),
            (int) request.wholeNumber("usb_interface", 0, 255, 0),
            (int) request.wholeNumber("transfer_size", 512, 1 << 24, 16384),
            (int) request.wholeNumber("transfers_in_flight", 1, 64, 8));
    return new StreamDevice(config, configId, format, c -> source.open(c, usb), options);
  }

  private static OverflowPolicy overflow(String value) {
    try {
      return EnumIds.parse(OverflowPolicy.class, value, "overflow policy");
    } catch (IllegalArgumentException e) {
      throw new ConfigException("option -O overflow=" + value, null, e.getMessage());
    }
  }
}
