package org.scopeio.stream.internal;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.ConfigException;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.api.spi.DeviceOption;
import org.scopeio.api.spi.DeviceProvider;
import org.scopeio.config.ConfigTypes;
import org.scopeio.core.EnumIds;
import org.scopeio.core.Pacing;
import org.scopeio.format.StreamDevConfig;
import org.scopeio.simulator.StreamEncoder;
import org.scopeio.stream.ByteSource;
import org.scopeio.stream.InputStreamByteSource;
import org.scopeio.stream.PacedByteSource;
import org.scopeio.stream.StreamDevice;
import org.scopeio.stream.StreamSource;

/**
 * ServiceLoader entry of the {@code stream} device, the one way to build a {@link StreamDevice}
 * ({@code scopeio stream capture} and {@code stream decode} come here too). Config: a stream device
 * config (default {@code wireless-200px}). Options: see {@link #options()}; the {@code simulated}
 * source is the simulator's {@link StreamEncoder} sending the config's bytes, with faults.
 */
public final class StreamDeviceProvider implements DeviceProvider {
  /** Most frames the hand-off queue holds. */
  static final int MAX_QUEUE = 4096;

  /** Frames held for a slow consumer of a live source unless {@code queue_size} says. */
  public static final int DEFAULT_QUEUE = 64;

  @Override
  public String type() {
    return "stream";
  }

  @Override
  public String description() {
    return "wireless miniscope byte stream (-O source=file:capture.bin | serial:PORT@BAUD |"
        + " simulated)";
  }

  @Override
  public List<DeviceOption> options() {
    return List.of(
        new DeviceOption(
            "source",
            "file:PATH, serial:PORT[@BAUD], usb:VID:PID[:ENDPOINT] or simulated",
            "",
            "where the bytes come from (required)"),
        new DeviceOption(
            "header_format", "config id or path", "stream-buffer-header", "buffer header format"),
        new DeviceOption("binary", "path", "", "also save the bytes as received to this file"),
        new DeviceOption(
            "queue_size",
            "1 to " + MAX_QUEUE,
            String.valueOf(DEFAULT_QUEUE),
            "frames held for a slow consumer of a live source"),
        new DeviceOption(
            "overflow",
            "block, drop-newest or drop-oldest",
            "drop-newest",
            "what a full queue does"),
        new DeviceOption(
            "pacing",
            "real-time or as-fast-as-possible",
            "real-time for simulated, as-fast-as-possible for file:",
            "how fast the simulated source sends, or a capture file is read"),
        new DeviceOption("seed", "whole number", "1", "simulated: seed of the scene"),
        new DeviceOption(
            "frames", "0 or more", "0 (endless)", "simulated: frames sent before the end"),
        new DeviceOption(
            "fault",
            "stream faults, comma separated (see 'scopeio simulate stream --help')",
            "",
            "simulated: faults of the wire"),
        new DeviceOption("usb_serial", "text", "", "USB: the serial number of the device to open"),
        new DeviceOption("usb_interface", "0 to 255", "0", "USB: the interface to claim"),
        new DeviceOption(
            "transfer_size", "512 to 16777216", "16384", "USB: bytes per bulk transfer"),
        new DeviceOption("transfers_in_flight", "1 to 64", "8", "USB: transfers kept submitted"));
  }

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
    String sourceText =
        request
            .text("source")
            .orElseThrow(
                () ->
                    new ConfigException(
                        "device 'stream'",
                        "source",
                        "required: -O source=file:PATH, serial:PORT[@BAUD],"
                            + " usb:VID:PID[:ENDPOINT] or simulated"));
    Function<StreamDevConfig, ByteSource> bytes;
    boolean live;
    Set<Path> inputs = Set.of();
    if (sourceText.equals("simulated")) {
      bytes = simulated(request, format);
      live = true;
    } else {
      StreamSource source = StreamSource.parse(sourceText);
      live = source.live();
      if (source.kind() == StreamSource.Kind.FILE) {
        inputs = Set.of(source.path());
      }
      StreamSource.UsbSettings usb =
          new StreamSource.UsbSettings(
              request.text("usb_serial").orElse(null),
              (int) request.wholeNumber("usb_interface", 0, 255, 0),
              (int) request.wholeNumber("transfer_size", 512, 1 << 24, 16384),
              (int) request.wholeNumber("transfers_in_flight", 1, 64, 8));
      boolean paced =
          source.kind() == StreamSource.Kind.FILE
              && pacing(request, Pacing.AS_FAST_AS_POSSIBLE) == Pacing.REAL_TIME;
      bytes =
          c ->
              paced
                  ? new PacedByteSource(source.open(c, usb), PacedByteSource.deviceRate(c))
                  : source.open(c, usb);
    }
    StreamDevice.Options options =
        new StreamDevice.Options(
            live,
            (int) request.wholeNumber("queue_size", 1, MAX_QUEUE, DEFAULT_QUEUE),
            parse(request, "overflow", OverflowPolicy.class, "overflow policy")
                .orElse(OverflowPolicy.DROP_NEWEST),
            request.text("binary").map(Path::of).orElse(null),
            inputs);
    return new StreamDevice(config, configId, format, bytes, options);
  }

  /** The simulator's encoder as a live source, paced in real time unless asked otherwise. */
  private static Function<StreamDevConfig, ByteSource> simulated(
      DeviceRequest request, BufferHeaderFormat format) {
    long seed = request.wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE, 1);
    long frames = request.wholeNumber("frames", 0, Integer.MAX_VALUE, 0);
    Set<StreamEncoder.Fault> faults = EnumSet.noneOf(StreamEncoder.Fault.class);
    for (String f : request.text("fault").orElse("").split(",")) {
      if (!f.isBlank()) {
        faults.add(parseValue(f.trim(), "fault", StreamEncoder.Fault.class, "stream fault"));
      }
    }
    Pacing pacing = pacing(request, Pacing.REAL_TIME);
    int count = frames == 0 ? Integer.MAX_VALUE : (int) frames;
    return c ->
        new InputStreamByteSource(
            "simulated (seed " + seed + ", " + pacing.id() + ")",
            new StreamEncoder(c, format, seed, count, faults).openStream(pacing));
  }

  private static Pacing pacing(DeviceRequest request, Pacing fallback) {
    return parse(request, "pacing", Pacing.class, "pacing").orElse(fallback);
  }

  private static <E extends Enum<E>> java.util.Optional<E> parse(
      DeviceRequest request, String option, Class<E> type, String what) {
    return request.text(option).map(v -> parseValue(v, option, type, what));
  }

  private static <E extends Enum<E>> E parseValue(
      String value, String option, Class<E> type, String what) {
    try {
      return EnumIds.parse(type, value, what);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("option -O " + option + "=" + value, null, e.getMessage());
    }
  }
}
