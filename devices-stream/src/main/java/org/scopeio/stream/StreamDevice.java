package org.scopeio.stream;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceException;
import org.scopeio.api.Frame;
import org.scopeio.api.PixelType;
import org.scopeio.api.StreamInfo;
import org.scopeio.api.format.StreamDevConfig;

/**
 * The {@code stream} device: bytes from a {@link ByteSource} through the {@link BufferSplitter},
 * the {@link StreamDecoder} and the {@link FrameAssembler} to frames. Decoding runs on the caller's
 * thread as {@link #next} asks for frames (offline decoding and replay); every rejected, duplicate,
 * missing or discarded buffer is counted in {@link #stats()}.
 */
public final class StreamDevice implements Device {
  private static final int CHUNK = 1 << 16;

  private final StreamDevConfig config;
  private final BufferHeaderFormat format;
  private final String configId;
  private final Function<StreamDevConfig, ByteSource> sourceFactory;
  private final ArrayDeque<Frame> ready = new ArrayDeque<>();
  private final Map<StreamDecoder.Rejection, Long> rejected =
      new EnumMap<>(StreamDecoder.Rejection.class);
  private ByteSource source;
  private BufferSplitter splitter;
  private StreamDecoder decoder;
  private FrameAssembler assembler;
  private StreamInfo info;
  private final byte[] chunk = new byte[CHUNK];
  private long delivered;
  private long buffersSplit;
  private long overlongSpans;
  private long discardedBits;
  private long shortBuffers;
  private boolean ended;
  private boolean closed;

  public StreamDevice(
      StreamDevConfig config,
      String configId,
      BufferHeaderFormat format,
      Function<StreamDevConfig, ByteSource> sourceFactory) {
    this.config = config;
    this.configId = configId;
    this.format = format;
    this.sourceFactory = sourceFactory;
  }

  @Override
  public String type() {
    return "stream";
  }

  @Override
  public synchronized StreamInfo open() {
    if (source != null || closed) {
      throw new IllegalStateException("stream device is already open or closed");
    }
    decoder = new StreamDecoder(config, format);
    assembler =
        new FrameAssembler(
            config.frameWidth(), config.frameHeight(), decoder.bufferPixels(), ready::add);
    byte[] pattern =
        BufferSplitter.searchPattern(config.preambleBytes(), config.reverseHeaderBits());
    splitter =
        new BufferSplitter(
            pattern,
            4L * 8 * config.bufferBytes(),
            new BufferSplitter.Sink() {
              @Override
              public void buffer(byte[] data, long bits, long bitOffset, boolean last) {
                onBuffer(data, bits, last);
              }

              @Override
              public void overlong(long bits, long bitOffset) {
                overlongSpans++;
              }

              @Override
              public void discarded(long bits) {
                discardedBits += bits;
              }
            });
    source = sourceFactory.apply(config);
    Map<String, String> props = new LinkedHashMap<>();
    props.put("config", configId);
    props.put("source", source.describe());
    info =
        new StreamInfo(
            type(),
            "stream "
                + source.describe()
                + " ("
                + configId
                + ", "
                + config.frameWidth()
                + "x"
                + config.frameHeight()
                + ")",
            config.frameWidth(),
            config.frameHeight(),
            PixelType.UINT8,
            config.fs(),
            format,
            props);
    return info;
  }

  private void onBuffer(byte[] data, long bits, boolean endOfStream) {
    buffersSplit++;
    StreamDecoder.Decoded d = decoder.decode(data, bits, endOfStream);
    if (!d.accepted()) {
      rejected.merge(d.rejection(), 1L, Long::sum);
      return;
    }
    if (d.shortfallBits() > 0) {
      shortBuffers++;
    }
    assembler.add(d.header(), d.payload(), d.paddedPixels(), Instant.now());
  }

  @Override
  public StreamInfo info() {
    if (info == null) {
      throw new IllegalStateException("stream device is not open");
    }
    return info;
  }

  @Override
  public synchronized Optional<Frame> next(Duration timeout) {
    if (source == null) {
      throw new IllegalStateException("stream device is not open");
    }
    while (ready.isEmpty() && !ended && !closed) {
      int n;
      try {
        n = source.read(chunk);
      } catch (IOException e) {
        throw new DeviceException(source.describe() + ": read failed: " + e.getMessage(), e);
      }
      if (n < 0) {
        splitter.finish();
        assembler.finish();
        ended = true;
      } else if (n > 0) {
        splitter.feed(chunk, 0, n);
      }
    }
    Frame f = ready.poll();
    if (f != null) {
      delivered++;
    }
    return Optional.ofNullable(f);
  }

  /** What the decoder kept, rejected and found missing. */
  public synchronized StreamStats stats() {
    FrameAssembler.Stats a = assembler == null ? new FrameAssembler.Stats() : assembler.stats();
    return new StreamStats(
        buffersSplit,
        a.buffersKept,
        Map.copyOf(rejected),
        overlongSpans,
        shortBuffers,
        a.duplicates,
        a.backwardJumps,
        a.buffersBeforeStart,
        a.missingBuffers,
        a.framesEmitted,
        a.finalFrameIncomplete,
        discardedBits);
  }

  @Override
  public synchronized DeviceCounters counters() {
    StreamStats s = stats();
    long dropped =
        s.rejected().values().stream().mapToLong(Long::longValue).sum()
            + s.overlongSpans()
            + s.duplicates()
            + s.buffersBeforeStart();
    return new DeviceCounters(delivered, 0, s.buffersKept(), dropped, s.missingBuffers());
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (source != null) {
      try {
        source.close();
      } catch (IOException e) {
        throw new DeviceException(source.describe() + ": cannot close: " + e.getMessage(), e);
      }
    }
  }
}
