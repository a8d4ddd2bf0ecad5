package org.scopeio.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.scopeio.api.Frame;
import org.scopeio.format.StreamDevConfig;
import org.scopeio.simulator.StreamEncoder;

/**
 * Coverage-guided fuzzing of the splitter, decoder and assembler on raw bytes: the fuzzer's bytes
 * are the stream itself, read in a chunk size it picks (the last bytes of the input), so each input
 * costs only its decoding and ten minutes reach millions of inputs. The buffers are small (one
 * 512-byte block: 48 header bytes, 4 dummy words, 448 pixels; 24x20 frames take two) so that the
 * fuzzer's inputs hold several of them. A stream cannot refuse bytes: the only allowed outcome is
 * frames of the configured size, in order, with every loss counted.
 *
 * <p>The inputs under {@code src/test/resources/.../StreamBytesFuzzTestInputs} (seeds from the
 * simulator, aligned, misaligned and with faults; {@code -Dscopeio.writeSeeds} writes them again)
 * run in every build; {@code mvn -P fuzz} fuzzes (see the README).
 */
class StreamBytesFuzzTest {
  static final int WIDTH = 24;
  static final int HEIGHT = 20;
  static final StreamDevConfig SMALL = smallBuffers();

  static StreamDevConfig smallBuffers() {
    StreamDevConfig c = StreamDeviceTest.W200.withFrame(WIDTH, HEIGHT).withDummyWords(4);
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
        1,
        512,
        c.numBuffers(),
        c.reverseHeaderBits(),
        c.reverseHeaderBytes(),
        c.reversePayloadBits(),
        c.reversePayloadBytes(),
        c.dummyWords(),
        c.adcScale(),
        c.runtime());
  }

  @FuzzTest
  @Timeout(10)
  void rawBytesDecodeToFramesWithEveryLossCounted(FuzzedDataProvider data)
      throws InterruptedException {
    int chunk = data.consumeInt(1, 4096);
    byte[] bytes = data.consumeRemainingAsBytes();

    StreamDevice[] device = new StreamDevice[1];
    List<Frame> frames = StreamDeviceTest.decode(SMALL, bytes, chunk, device);
    long previous = -1;
    int buffersPerFrame = SMALL.bufferPixels().size();
    for (Frame frame : frames) {
      // plain checks here: the fuzzer runs this loop millions of times
      check(frame.width() == WIDTH && frame.height() == HEIGHT, "frame size", frame);
      check(frame.pixels8().length == WIDTH * HEIGHT, "pixel count", frame);
      check(frame.index() > previous, "frame order", frame);
      check(frame.integrity().missingBuffers() <= buffersPerFrame, "missing buffers", frame);
      check(frame.integrity().paddedPixels() <= WIDTH * HEIGHT, "padded pixels", frame);
      check(frame.integrity().suspectPixels() <= WIDTH * HEIGHT, "suspect pixels", frame);
      previous = frame.index();
    }
    device[0].close();
    StreamStats stats = device[0].stats();
    assertThat(stats.framesEmitted()).isEqualTo(frames.size());
    assertThat(stats.buffersKept())
        .isLessThanOrEqualTo(stats.buffersSplit() + stats.recoveredBuffers());
    assertThat(stats.recoveredBuffers()).isLessThanOrEqualTo(3 * stats.mergedSpans());
    assertThat(stats.discardedBits()).isBetween(0L, 8L * bytes.length);
    assertThat(stats.missingBuffers()).isLessThanOrEqualTo(frames.size() * (long) buffersPerFrame);
  }

  private static void check(boolean ok, String what, Frame frame) {
    if (!ok) {
      throw new AssertionError(what + " wrong in frame " + frame.index() + ": " + frame);
    }
  }

  /**
   * Writes the seed inputs: a simulated capture of three frames, clean and misaligned, and, for
   * each fault, its capture of 18 frames (36 buffers, enough for every fault to happen) cut into
   * windows of six buffers, so that seeds stay short (a fuzzer's speed falls with its inputs'
   * length) and still hold every phenomenon.
   */
  @Test
  @EnabledIfSystemProperty(named = "scopeio.writeSeeds", matches = ".+")
  void writeSeeds() throws IOException {
    Path dir =
        Path.of(
            "src/test/resources/org/scopeio/stream/StreamBytesFuzzTestInputs",
            "rawBytesDecodeToFramesWithEveryLossCounted");
    Files.createDirectories(dir);
    write(dir.resolve("seed-clean"), capture(3, Set.of()));
    write(dir.resolve("seed-misaligned"), capture(3, Set.of(StreamEncoder.Fault.MISALIGNED)));
    int window = 6 * SMALL.bufferBytes();
    for (StreamEncoder.Fault fault : StreamEncoder.Fault.values()) {
      byte[] bytes = capture(18, Set.of(fault));
      for (int from = 0, k = 0; from < bytes.length; from += window, k++) {
        write(
            dir.resolve("seed-" + fault.name().toLowerCase(Locale.ROOT) + "-" + k),
            Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + window)));
      }
    }
  }

  private static byte[] capture(int frames, Set<StreamEncoder.Fault> faults) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new StreamEncoder(SMALL, StreamDeviceTest.FORMAT, 3, frames, faults).write(out, (i, p) -> {});
    return out.toByteArray();
  }

  private static void write(Path file, byte[] capture) throws IOException {
    byte[] seed = Arrays.copyOf(capture, capture.length + 2);
    seed[seed.length - 2] = 0x0F; // the chunk size, read from the end
    seed[seed.length - 1] = (byte) 0xFF;
    Files.write(file, seed);
  }
}
