package org.scopeio.stream;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceException;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.DeviceTimeoutException;
import org.scopeio.api.Frame;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.core.AbstractDevice;
import org.scopeio.core.Acquisition;
import org.scopeio.format.StreamDevConfig;

/**
 * The {@code stream} device: bytes from a {@link ByteSource} through the {@link BufferSplitter},
 * the {@link StreamDecoder} and the {@link FrameAssembler} to frames. Decoding runs on the caller's
 * thread as {@link #next} asks for frames (offline decoding and replay); every rejected, duplicate,
 * missing or discarded buffer is counted in {@link #stats()}.
 */
public final class StreamDevice extends AbstractDevice {
  private static final int CHUNK = 1 << 16;

  private final StreamDevConfig config;
  private final BufferHeaderFormat format;
  private final String configId;
  private final Function<StreamDevConfig, ByteSource> sourceFactory;
  private final Options options;
  private Acquisition acquisition;
  private java.io.OutputStream capture;
  private final ArrayDeque<Frame> ready = new ArrayDeque<>();
  private final Map<StreamDecoder.Rejection, Long> rejected =
      new EnumMap<>(StreamDecoder.Rejection.class);
  private ByteSource source;
  private BufferSplitter splitter;
  private final StreamDecoder decoder;
  private FrameAssembler assembler;
  private final byte[] chunk = new byte[CHUNK];
  private final java.util.concurrent.atomic.AtomicLong delivered =
      new java.util.concurrent.atomic.AtomicLong();
  private long buffersSplit;
  private long overlongSpans;
  private long discardedBits;
  private long shortBuffers;
  private long fillerSlips;
  private long slippedBuffers;
  private long mergedSpans;
  private long recoveredBuffers;
  private boolean ended;

  /**
   * How a stream device runs.
   *
   * @param live read and decode on an acquisition thread (live sources) rather than on the caller's
   *     thread
   * @param queueSize frames held for the consumer (live only)
   * @param overflow what happens when that queue is full (live only)
   * @param binaryCapture where to save the raw bytes as received, or {@code null}
   * @param inputs the files the source reads (a capture file), which no output may overwrite
   */
  public record Options(
      boolean live,
      int queueSize,
      OverflowPolicy overflow,
      java.nio.file.Path binaryCapture,
      java.util.Set<java.nio.file.Path> inputs) {
    public Options {
      inputs = java.util.Set.copyOf(inputs);
    }

    /** Offline decoding of {@code file} on the caller's thread, no capture file. */
    public static Options offline(java.nio.file.Path file) {
      return new Options(false, 1, OverflowPolicy.BLOCK, null, java.util.Set.of(file));
    }
  }

  public StreamDevice(
      StreamDevConfig config,
      String configId,
      BufferHeaderFormat format,
      Function<StreamDevConfig, ByteSource> sourceFactory) {
    this(
        config,
        configId,
        format,
        sourceFactory,
        new Options(false, 1, OverflowPolicy.BLOCK, null, java.util.Set.of()));
  }

  public StreamDevice(
      StreamDevConfig config,
      String configId,
      BufferHeaderFormat format,
      Function<StreamDevConfig, ByteSource> sourceFactory,
      Options options) {
    super("stream");
    this.config = config;
    this.configId = configId;
    this.format = format;
    this.sourceFactory = sourceFactory;
    this.options = options;
    // a config and header format that cannot decode fail here, before anything opens
    this.decoder = new StreamDecoder(config, format);
  }

  @Override
  public java.util.Set<java.nio.file.Path> inputs() {
    return options.inputs();
  }

  @Override
  protected DeviceInfo start() {
    assembler =
        new FrameAssembler(
            config.frameWidth(), config.frameHeight(), decoder.bufferPixels(), ready::add);
    byte[] pattern =
        BufferSplitter.searchPattern(config.preambleBytes(), config.reverseHeaderBits());
    splitter =
        new BufferSplitter(
            pattern,
            4L * 8 * config.bufferBytes(),
            8L * config.bufferBytes(),
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
    if (options.binaryCapture() != null) {
      try {
        capture =
            new java.io.BufferedOutputStream(
                java.nio.file.Files.newOutputStream(options.binaryCapture()), 1 << 16);
      } catch (IOException e) {
        throw new DeviceException(
            options.binaryCapture() + ": cannot create the capture file: " + e.getMessage(), e);
      }
    }
    source = sourceFactory.apply(config);
    if (options.live()) {
      acquisition = new Acquisition(type(), options.queueSize(), options.overflow(), this::acquire);
      acquisition.start();
    }
    Map<String, String> props = new LinkedHashMap<>();
    props.put("config", configId);
    props.put("source", source.describe());
    return new DeviceInfo(
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
        props,
        -1,
        options.live() ? Pace.LIVE : Pace.ON_DEMAND);
  }

  /** Offers decoded frames to the consumer outside the device lock (offers may block). */
  private static void handOver(List<Frame> frames, Acquisition out) throws InterruptedException {
    for (Frame f : frames) {
      out.offer(f);
    }
    frames.clear();
  }

  private void drainReady(List<Frame> into) {
    Frame f;
    while ((f = ready.poll()) != null) {
      into.add(f);
    }
  }

  /** The acquisition thread: read, save, decode until the end of data or close. */
  private void acquire(Acquisition out) throws InterruptedException {
    byte[] buf = new byte[CHUNK];
    List<Frame> decoded = new java.util.ArrayList<>();
    try {
      while (!out.stopped()) {
        int n = source.read(buf);
        if (n < 0) {
          break;
        }
        if (n > 0) {
          synchronized (this) {
            saveAndFeed(buf, n);
            drainReady(decoded);
          }
          handOver(decoded, out);
        }
      }
      synchronized (this) {
        endOfData();
        drainReady(decoded);
      }
      handOver(decoded, out);
    } catch (IOException e) {
      throw new DeviceException(source.describe() + ": read failed: " + e.getMessage(), e);
    }
  }

  private void saveAndFeed(byte[] buf, int n) throws IOException {
    if (capture != null) {
      capture.write(buf, 0, n);
    }
    splitter.feed(buf, 0, n);
  }

  private void flushCapture() throws IOException {
    if (capture != null) {
      capture.flush();
    }
  }

  private void onBuffer(byte[] data, long bits, boolean endOfStream) {
    buffersSplit++;
    StreamDecoder.Span span = decoder.decode(data, bits, endOfStream);
    if (span.shortfallBits() > 0) {
      shortBuffers++;
    }
    if (span.merged()) {
      mergedSpans++;
    }
    discardedBits += span.unrecoveredBits();
    Instant now = Instant.now();
    for (StreamDecoder.Decoded d : span.buffers()) {
      if (!d.accepted()) {
        rejected.merge(d.rejection(), 1L, Long::sum);
        continue;
      }
      if (d.recovered()) {
        recoveredBuffers++;
      }
      if (d.check() == StreamDecoder.PixelCheck.SLIPPED) {
        slippedBuffers++;
      } else if (d.check() == StreamDecoder.PixelCheck.EXACT && span.lengthDifferenceBits() != 0) {
        fillerSlips++;
      }
      assembler.add(d, now);
    }
  }

  @Override
  protected Optional<Frame> nextFrame(Duration timeout) throws InterruptedException {
    if (options.live()) {
      Optional<Frame> f = acquisition.take(timeout);
      f.ifPresent(x -> delivered.incrementAndGet());
      return f;
    }
    return nextOffline(timeout);
  }

  /**
   * Reads and decodes chunks on the caller's thread until a frame is ready, the data end, or {@code
   * timeout} has passed (checked after each chunk, so at least one is read): a caller that polls
   * with short timeouts can stop an endless input at once.
   */
  private synchronized Optional<Frame> nextOffline(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ready.isEmpty() && !ended && !isClosed()) {
      if (chunksRead > 0 && System.nanoTime() - deadline >= 0) {
        chunksRead = 0;
        throw new DeviceTimeoutException(type(), timeout);
      }
      chunksRead++;
      int n;
      try {
        n = source.read(chunk);
        if (n < 0) {
          endOfData();
        } else if (n > 0) {
          saveAndFeed(chunk, n);
        }
      } catch (IOException e) {
        throw new DeviceException(source.describe() + ": read failed: " + e.getMessage(), e);
      }
    }
    chunksRead = 0;
    Frame f = ready.poll();
    if (f != null) {
      delivered.incrementAndGet();
    }
    return Optional.ofNullable(f);
  }

  /**
   * The source ended: decode what the splitter and assembler still hold (a last partial buffer and
   * frame) and complete the capture file. Caller holds the lock.
   */
  private void endOfData() throws IOException {
    splitter.finish();
    assembler.finish();
    ended = true;
    flushCapture();
  }

  /** Chunks read by the current offline call of {@link #next}. */
  private int chunksRead;

  @Override
  public java.util.List<String> report() {
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add("stream: " + stats().describe());
    if (options.binaryCapture() != null) {
      lines.add("capture: " + options.binaryCapture());
    }
    return lines;
  }

  /** What the decoder kept, rejected and found missing. */
  public synchronized StreamStats stats() {
    FrameAssembler.Stats a = assembler == null ? FrameAssembler.Stats.NONE : assembler.stats();
    return new StreamStats(
        buffersSplit,
        a.buffersKept(),
        Map.copyOf(rejected),
        overlongSpans,
        shortBuffers,
        fillerSlips,
        slippedBuffers,
        mergedSpans,
        recoveredBuffers,
        a.duplicates(),
        a.backwardJumps(),
        a.missingBuffers(),
        a.framesEmitted(),
        discardedBits);
  }

  @Override
  protected java.util.List<org.scopeio.api.BufferHeader> takeDroppedHeaders() {
    return acquisition == null ? List.of() : acquisition.takeDroppedHeaders();
  }

  @Override
  public synchronized DeviceCounters counters() {
    StreamStats s = stats();
    long dropped = s.rejectedBuffers() + s.overlongSpans() + s.duplicates();
    return new DeviceCounters(
        delivered.get(),
        acquisition == null ? 0 : acquisition.dropped(),
        s.buffersKept(),
        dropped,
        s.missingBuffers());
  }

  @Override
  protected void stop() {
    IOException[] failure = {null};
    Runnable closeSource =
        () -> {
          if (source != null) {
            try {
              source.close(); // unblocks a read in progress
            } catch (IOException e) {
              failure[0] = e;
            }
          }
        };
    if (acquisition != null) {
      acquisition.stop(closeSource);
    } else {
      closeSource.run();
    }
    synchronized (this) {
      if (capture != null) {
        try {
          capture.close();
        } catch (IOException e) {
          failure[0] = failure[0] == null ? e : failure[0];
        }
      }
    }
    if (failure[0] != null) {
      throw new DeviceException(
          "closing " + source.describe() + ": " + failure[0].getMessage(), failure[0]);
    }
  }
}
