package org.scopeio.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.Frame;
import org.scopeio.config.ConfigStore;
import org.scopeio.config.ConfigTypes;
import org.scopeio.format.StreamDevConfig;
import org.scopeio.simulator.StreamEncoder;
import org.scopeio.simulator.StreamEncoder.Fault;
import org.scopeio.testkit.Drained;

class StreamDeviceTest {
  @TempDir Path dir;

  static final ConfigStore CONFIGS = new ConfigStore(null, StreamDeviceTest.class.getClassLoader());
  static final StreamDevConfig W200 = CONFIGS.load("wireless-200px", StreamDevConfig.TYPE);
  static final BufferHeaderFormat FORMAT =
      CONFIGS.load("stream-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT);

  record Capture(byte[] bytes, List<byte[]> frames, StreamEncoder.Result result) {}

  static Capture encode(StreamDevConfig c, int frames, Fault... faults) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<byte[]> pixels = new ArrayList<>();
    StreamEncoder.Result r =
        new StreamEncoder(c, FORMAT, 7, frames, Set.of(faults)).write(out, (i, p) -> pixels.add(p));
    return new Capture(out.toByteArray(), pixels, r);
  }

  /** Decodes bytes fed in chunks of {@code chunk} through a source of our own. */
  static List<Frame> decode(StreamDevConfig c, byte[] bytes, int chunk, StreamDevice[] device)
      throws InterruptedException {
    StreamDevice d =
        new StreamDevice(
            c,
            "test",
            FORMAT,
            cfg ->
                new ByteSource() {
                  int pos;

                  @Override
                  public String describe() {
                    return "memory";
                  }

                  @Override
                  public int read(byte[] buffer) {
                    if (pos >= bytes.length) {
                      return -1;
                    }
                    int n = Math.min(Math.min(chunk, buffer.length), bytes.length - pos);
                    System.arraycopy(bytes, pos, buffer, 0, n);
                    pos += n;
                    return n;
                  }

                  @Override
                  public void close() {}
                });
    d.open();
    List<Frame> out = new ArrayList<>();
    for (Optional<Frame> f = Drained.nextFrame(d, Duration.ofMinutes(1));
        f.isPresent();
        f = Drained.nextFrame(d, Duration.ofMinutes(1))) {
      out.add(f.get());
    }
    device[0] = d;
    return out;
  }

  static StreamDevConfig flags(StreamDevConfig c, boolean hb, boolean hy, boolean pb, boolean py) {
    return new StreamDevConfig(
        c.device(),
        c.bitstream(),
        c.port(),
        c.baudrate(),
        c.frameWidth(),
        c.frameHeight(),
        c.fs(),
        c.preamble(),
        c.headerLen(),
        c.pixDepth(),
        c.bufferBlockLength(),
        c.blockSize(),
        c.numBuffers(),
        hb,
        hy,
        pb,
        py,
        c.dummyWords(),
        c.adcScale(),
        c.runtime());
  }

  @ParameterizedTest(name = "{0}x{1} dummy {2} flags {3}{4}{5}{6} chunk {7}")
  @CsvSource({
    "200, 200, 10, true, true, true, true, 65536",
    "200, 200, 10, true, true, true, true, 1",
    "200, 200, 0, true, true, true, true, 4093",
    "160, 90, 10, false, false, false, false, 5120",
    "90, 160, 10, true, false, false, true, 777",
    "64, 48, 3, false, true, true, false, 100"
  })
  void everyFrameDecodesToTheEncodedPixelsAndHeaders(
      int w, int h, int dummy, boolean hb, boolean hy, boolean pb, boolean py, int chunk)
      throws Exception {
    StreamDevConfig c = flags(W200.withFrame(w, h).withDummyWords(dummy), hb, hy, pb, py);
    Capture cap = encode(c, 5);
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(c, cap.bytes(), chunk, d);
    assertThat(frames).hasSize(5);
    List<Integer> per = c.bufferPixels();
    for (int k = 0; k < 5; k++) {
      Frame f = frames.get(k);
      assertThat(f.width()).isEqualTo(w);
      assertThat(f.height()).isEqualTo(h);
      assertThat(f.pixels8()).as("frame %d", k).isEqualTo(cap.frames().get(k));
      assertThat(f.integrity().isComplete()).isTrue();
      assertThat(f.deviceFrameNumber()).hasValue(k);
      assertThat(f.headers()).hasSize(per.size());
      BufferHeader last = f.headers().get(per.size() - 1);
      assertThat(last.get("pixel_count")).isEqualTo((long) per.get(per.size() - 1));
      assertThat(last.get("battery_voltage_raw")).isEqualTo(176);
      assertThat(last.runtime().recvIndex()).isEqualTo((long) k * per.size() + per.size() - 1);
      assertThat(last.runtime().blackPaddingPixels()).isZero();
    }
    StreamStats s = d[0].stats();
    assertThat(s.buffersKept()).isEqualTo(5L * per.size());
    assertThat(s.rejected()).isEmpty();
    assertThat(s.discardedBits()).isEqualTo(32L * dummy);
  }

  @Test
  void wireless200pxBuffersAre5120BytesWithMiosLayout() throws Exception {
    Capture cap = encode(W200, 1);
    assertThat(cap.bytes()).hasSize(8 * 5120);
    // dummy words, then the preamble 0x12345678 bit-reversed
    assertThat(Arrays.copyOfRange(cap.bytes(), 0, 8))
        .containsExactly(0x33, 0x33, 0x00, 0xFF, 0x33, 0x33, 0x00, 0xFF);
    assertThat(Arrays.copyOfRange(cap.bytes(), 40, 44)).containsExactly(0x1E, 0x6A, 0x2C, 0x48);
  }

  @Test
  void misalignedStreamsAndGarbageBeforeTheFirstPreambleDecodeTheSame() throws Exception {
    Capture cap = encode(W200, 4, Fault.MISALIGNED, Fault.GARBAGE_START);
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(W200, cap.bytes(), 3000, d);
    assertThat(frames).extracting(Frame::pixels8).containsExactlyElementsOf(cap.frames());
    assertThat(d[0].stats().discardedBits()).isEqualTo(3 + 8000 + 320);
  }

  @Test
  void aSlipInsideThePixelsMakesThemSuspectAndLaterFramesStayExact() throws Exception {
    Capture cap = encode(W200, 3, Fault.PAYLOAD_SLIP);
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(W200, cap.bytes(), 8192, d);
    assertThat(frames).hasSize(3);
    assertThat(d[0].stats().shortBuffers()).isEqualTo(1);
    assertThat(d[0].stats().slippedBuffers()).isEqualTo(1);
    // buffer 5 of frame 0 loses 37 bits in the middle of its pixels: intact up to the slip; the
    // intact filler starts 37 bits early, so 5032 - 5 whole pixels arrived (suspect) and 5 are
    // padded
    Frame f0 = frames.get(0);
    int slipPixel = 5 * 5032 + 5032 / 2;
    assertThat(Arrays.copyOf(f0.pixels8(), slipPixel))
        .isEqualTo(Arrays.copyOf(cap.frames().get(0), slipPixel));
    assertThat(f0.integrity().suspectPixels()).isEqualTo(5032 - 5);
    assertThat(f0.integrity().paddedPixels()).isEqualTo(5);
    assertThat(f0.headers().get(5).runtime().suspectPixels()).isEqualTo(5032 - 5);
    assertThat(frames.get(1).pixels8()).isEqualTo(cap.frames().get(1));
    assertThat(frames.get(2).pixels8()).isEqualTo(cap.frames().get(2));
  }

  @Test
  void slipsInTheFillerLoseNoPixel() throws Exception {
    Capture cap = encode(W200, 5, Fault.DUMMY_SLIP);
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(W200, cap.bytes(), 8192, d);
    assertThat(frames).extracting(Frame::pixels8).containsExactlyElementsOf(cap.frames());
    assertThat(frames).allMatch(f -> f.integrity().isComplete());
    assertThat(d[0].stats().fillerSlips()).isEqualTo(StreamEncoder.DUMMY_SLIPS.length);
    assertThat(d[0].stats().shortBuffers()).isEqualTo(3); // -36, -29, -12; +3 and +5 are long
    assertThat(d[0].stats().slippedBuffers()).isZero();
  }

  @Test
  void aFlippedPreambleMergesTwoBuffersAndTheSecondIsRecovered() throws Exception {
    Capture cap = encode(W200, 3, Fault.FLIPPED_PREAMBLE);
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(W200, cap.bytes(), 8192, d);
    assertThat(frames).extracting(Frame::pixels8).containsExactlyElementsOf(cap.frames());
    StreamStats s = d[0].stats();
    assertThat(s.rejected()).isEmpty();
    assertThat(s.mergedSpans()).isEqualTo(1);
    assertThat(s.recoveredBuffers()).isEqualTo(1);
    Frame f1 = frames.get(1); // buffer 9 = frame 1, slot 1
    assertThat(f1.integrity()).isEqualTo(new org.scopeio.api.FrameIntegrity(0, 0, 0, 0, 1));
    assertThat(f1.headers().get(1).runtime().recovered()).isTrue();
  }

  @Test
  void droppedDuplicatedAndTruncatedBuffersAreCountedInFramesAndStats() throws Exception {
    Capture cap =
        encode(W200, 4, Fault.DROPPED_BUFFER, Fault.DUPLICATED_BUFFER, Fault.TRUNCATED_BUFFER);
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(W200, cap.bytes(), 10_000, d);
    assertThat(frames).hasSize(4);
    StreamStats s = d[0].stats();
    assertThat(s.duplicates()).isEqualTo(1);
    assertThat(s.missingBuffers()).isEqualTo(1);
    Frame f1 = frames.get(1); // buffer 12 = frame 1, slot 4, dropped; 14 = slot 6, twice
    assertThat(f1.integrity().missingBuffers()).isEqualTo(1);
    assertThat(f1.headers())
        .extracting(BufferHeader::frameBufferCount)
        .containsExactly(0L, 1L, 2L, 3L, 5L, 6L, 7L);
    Frame f2 = frames.get(2); // buffer 17 = frame 2, slot 1, half its payload
    assertThat(f2.integrity().missingBuffers()).isZero();
    assertThat(f2.integrity().paddedPixels()).isEqualTo(5032 - 5032 / 2);
    assertThat(f2.headers().get(1).runtime().blackPaddingPixels()).isEqualTo(5032 - 5032 / 2);
    // the pixels before the cut arrived, but nothing tells a cut from a long slip: suspect
    assertThat(f2.integrity().suspectPixels()).isEqualTo(5032 / 2);
    assertThat(Arrays.copyOfRange(f2.pixels8(), 5032, 5032 + 5032 / 2))
        .isEqualTo(Arrays.copyOfRange(cap.frames().get(2), 5032, 5032 + 5032 / 2));
    assertThat(Arrays.copyOfRange(f2.pixels8(), 5032 + 5032 / 2, 2 * 5032)).containsOnly(0);
    assertThat(frames.get(3).pixels8()).isEqualTo(cap.frames().get(3));
    // buffer_recv_index counts only kept buffers, without gaps
    assertThat(frames.stream().flatMap(f -> f.headers().stream()).map(h -> h.runtime().recvIndex()))
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 31).boxed().toList());
  }

  @Test
  void aStreamCutInsideItsLastBufferStillEmitsTheLastFrameWithPadding() throws Exception {
    Capture cap = encode(W200, 2, Fault.CUT_MID_BUFFER);
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(W200, cap.bytes(), 10_000, d);
    assertThat(frames).hasSize(2);
    assertThat(frames.get(1).integrity().paddedPixels()).isEqualTo(4776 - 5032 / 3);
  }

  @Test
  void theDeviceReplaysACaptureFile() throws Exception {
    Capture cap = encode(W200, 3);
    Path file = dir.resolve("capture.bin");
    Files.write(file, cap.bytes());
    try (Device dev =
        DeviceRegistry.load(getClass().getClassLoader())
            .create(
                "stream",
                new DeviceRequest("wireless-200px", Map.of("source", "file:" + file), CONFIGS))) {
      assertThat(dev.open().description()).contains("file:" + file);
      int n = 0;
      for (Optional<Frame> f = Drained.nextFrame(dev, Duration.ofMinutes(1));
          f.isPresent();
          f = Drained.nextFrame(dev, Duration.ofMinutes(1))) {
        assertThat(f.get().pixels8()).isEqualTo(cap.frames().get(n++));
      }
      assertThat(n).isEqualTo(3);
      assertThat(dev.counters().buffersReceived()).isEqualTo(24);
    }
    assertThatThrownBy(
            () ->
                DeviceRegistry.load(getClass().getClassLoader())
                    .create(
                        "stream", new DeviceRequest(null, Map.of("source", "tcp:1:2"), CONFIGS)))
        .hasMessageContaining(
            "key 'source': expected file:PATH, serial:PORT[@BAUD] or usb:VID:PID[:ENDPOINT],"
                + " got 'tcp:1:2'");
  }

  @Test
  void pacedReplayRunsAtTheDeviceRate() throws Exception {
    StreamDevConfig c = W200.withFrame(64, 48); // 1 buffer of 5120 bytes a frame, 20 fps
    Capture cap = encode(c, 6);
    Path file = dir.resolve("paced.bin");
    Files.write(file, cap.bytes());
    assertThat(PacedByteSource.deviceRate(c)).isEqualTo(5120.0 * 20);
    long t0 = System.nanoTime();
    StreamDevice d =
        new StreamDevice(
            c,
            "t",
            FORMAT,
            cfg -> new PacedByteSource(new FileByteSource(file), PacedByteSource.deviceRate(cfg)));
    d.open();
    int n = 0;
    while (Drained.nextFrame(d, Duration.ofMinutes(1)).isPresent()) {
      n++;
    }
    d.close();
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(n).isEqualTo(6);
    // 6 frames at 20 fps take 0.3 s; generous upper bound for a loaded machine
    assertThat(seconds).isBetween(0.25, 3.0);
  }
}
