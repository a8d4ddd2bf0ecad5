package org.scopeio.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriterOptions;
import org.scopeio.api.WriterRegistry;
import org.scopeio.config.ConfigStore;
import org.scopeio.config.ConfigTypes;
import org.scopeio.format.SdLayout;
import org.scopeio.format.StreamDevConfig;
import org.scopeio.sdcard.SdCard;
import org.scopeio.simulator.CalciumScene;
import org.scopeio.simulator.SceneConfig;
import org.scopeio.simulator.SdImageEncoder;
import org.scopeio.simulator.StreamEncoder;
import org.scopeio.stream.BufferSplitter;
import org.scopeio.stream.InputStreamByteSource;
import org.scopeio.stream.StreamDevice;
import org.scopeio.stream.WordOrder;

/**
 * The hot paths, each on data made by the simulator in memory or in a temporary folder (page
 * cache): SD card buffer decoding, preamble search (aligned and bit-misaligned), payload bit
 * reversal, stream decoding with frame assembly, the per-frame pixel statistics, and OME-TIFF and
 * AVI plane writes. Scores are operations per second; the secondary score {@code bytes} is the
 * bytes handled per second.
 */
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HotPathBenchmark {
  static final ConfigStore CONFIGS = new ConfigStore(null, HotPathBenchmark.class.getClassLoader());
  static final BufferHeaderFormat HEADERS =
      CONFIGS.load("stream-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT);

  /** Bytes handled, reported by JMH as a rate next to each score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  /** A card image of 100 frames of 304 x 304 (9 MB) to read whole per operation. */
  @State(Scope.Benchmark)
  public static class Card {
    Path dir;
    Path image;
    SdLayout layout;
    long size;

    @Setup(Level.Trial)
    public void make() throws IOException {
      dir = Files.createTempDirectory("scopeio-jmh-card");
      image = dir.resolve("card.img");
      layout = CONFIGS.load("wirefree-sd-layout", SdLayout.TYPE);
      new SdImageEncoder(
              layout,
              new SceneConfig(304, 304, PixelType.UINT8, 20, 3, 12, 60, 2, 1, 1.0),
              100,
              20480,
              Set.of())
          .write(image, (i, px) -> {});
      size = Files.size(image);
    }

    @TearDown(Level.Trial)
    public void remove() throws IOException {
      deleteTree(dir);
    }
  }

  /** SD card: open (scan every header) and decode every frame; one operation = the card. */
  @Benchmark
  public long sdCardDecode(Card c, Bytes b) throws Exception {
    b.bytes += c.size;
    long sum = 0;
    try (SdCard card = SdCard.open(c.image, c.layout, "wirefree-sd-layout")) {
      for (long k = 0; k < card.frameCount(); k++) {
        Frame f = card.readFrame(k);
        sum += f.pixelAt((int) (k % f.pixelCount()));
      }
    }
    return sum;
  }

  /** 64 frames of wireless-200px stream bytes (2.6 MB), byte-aligned or bit-misaligned. */
  @State(Scope.Benchmark)
  public static class Capture {
    @Param({"aligned", "misaligned"})
    String alignment;

    byte[] bytes;
    byte[] pattern;
    StreamDevConfig config;

    @Setup(Level.Trial)
    public void make() throws IOException {
      config = CONFIGS.load("wireless-200px", StreamDevConfig.TYPE);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Set<StreamEncoder.Fault> faults =
          alignment.equals("misaligned") ? Set.of(StreamEncoder.Fault.MISALIGNED) : Set.of();
      new StreamEncoder(config, HEADERS, 1, 64, faults).write(out, (i, px) -> {});
      bytes = out.toByteArray();
      pattern = BufferSplitter.searchPattern(config.preambleBytes(), config.reverseHeaderBits());
    }
  }

  /** Preamble search alone: split the capture into buffers; one operation = the capture. */
  @Benchmark
  public long preambleSearch(Capture c, Bytes b) {
    b.bytes += c.bytes.length;
    long[] found = {0};
    BufferSplitter s =
        new BufferSplitter(
            c.pattern,
            4L * 8 * c.config.bufferBytes(),
            8L * c.config.bufferBytes(),
            new BufferSplitter.Sink() {
              @Override
              public void buffer(byte[] data, long bits, long bitOffset, boolean last) {
                found[0] += bits;
              }

              @Override
              public void overlong(long bits, long bitOffset) {}
            });
    for (int i = 0; i < c.bytes.length; i += 65536) {
      s.feed(c.bytes, i, Math.min(65536, c.bytes.length - i));
    }
    s.finish();
    return found[0];
  }

  /** Splitting, header and payload decoding and frame assembly; one operation = the capture. */
  @Benchmark
  public void streamDecode(Capture c, Bytes b, Blackhole bh) throws Exception {
    b.bytes += c.bytes.length;
    try (StreamDevice d =
        new StreamDevice(
            c.config,
            "wireless-200px",
            HEADERS,
            cfg ->
                new InputStreamByteSource("memory", new java.io.ByteArrayInputStream(c.bytes)))) {
      d.open();
      for (Optional<FrameOrGap> f = d.next(Duration.ofMinutes(1));
          f.isPresent();
          f = d.next(Duration.ofMinutes(1))) {
        bh.consume(f.get());
      }
    }
  }

  /** One 5 kB payload with its bits reversed in every byte; one operation = 5120 bytes. */
  @State(Scope.Thread)
  public static class Payload {
    final byte[] src = new byte[5120];
    final byte[] dst = new byte[5120];

    @Setup
    public void fill() {
      for (int i = 0; i < src.length; i++) {
        src[i] = (byte) (i * 37);
      }
    }
  }

  @Benchmark
  public byte payloadBitReversal(Payload p, Bytes b) {
    b.bytes += p.src.length;
    WordOrder.payload(p.src, p.src.length, 0, p.src.length, p.dst, 0, true, false);
    return p.dst[100];
  }

  /** One 8-bit frame of the simulator's calcium scene, of the size given. */
  @State(Scope.Benchmark)
  public static class Pixels {
    @Param({"608x608", "200x200"})
    String size;

    byte[] pixels;

    @Setup(Level.Trial)
    public void make() {
      String[] wh = size.split("x");
      pixels =
          new CalciumScene(
                  new SceneConfig(
                      Integer.parseInt(wh[0]),
                      Integer.parseInt(wh[1]),
                      PixelType.UINT8,
                      20,
                      3,
                      12,
                      60,
                      2,
                      1,
                      1.0))
              .next8();
    }
  }

  /** The telemetry's one pass over a frame: the sum and the largest of its pixel values. */
  @Benchmark
  public long frameStatistics(Pixels p, Bytes b) {
    b.bytes += p.pixels.length;
    Frame.PixelStats s = Frame.PixelStats.of(p.pixels);
    return s.sum() + s.max();
  }

  /** A writer of 608 x 608 8-bit planes, reopened on a fresh file every iteration. */
  @State(Scope.Thread)
  public static class Planes {
    @Param({"ome-tiff", "avi"})
    String format;

    Path dir;
    FrameWriter writer;
    Frame frame;
    long index;

    @Setup(Level.Iteration)
    public void open() throws IOException {
      dir = Files.createTempDirectory("scopeio-jmh-planes");
      DeviceInfo info =
          new DeviceInfo(
              "bench", "planes", 608, 608, PixelType.UINT8, 20, null, Map.of(), -1, Pace.ON_DEMAND);
      writer = WriterRegistry.load().provider(format).create();
      writer.open(
          dir.resolve("planes"),
          info,
          new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, Map.of("sync", "none")));
      byte[] px = new byte[608 * 608];
      for (int i = 0; i < px.length; i++) {
        px[i] = (byte) (i * 7);
      }
      frame =
          Frame.builder(608, 608, PixelType.UINT8)
              .adoptPixels(px)
              .wallClock(java.time.Instant.EPOCH)
              .build();
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
      writer.close();
      deleteTree(dir);
    }
  }

  /** One 608 x 608 plane (370 kB) written; the file grows by one frame per operation. */
  @Benchmark
  public void planeWrite(Planes p, Bytes b) {
    b.bytes += 608 * 608;
    p.writer.write(p.frame);
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              f -> {
                try {
                  Files.delete(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
