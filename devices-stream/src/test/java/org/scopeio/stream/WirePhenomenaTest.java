package org.scopeio.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameIntegrity;
import org.scopeio.format.StreamDevConfig;

/**
 * The phenomena of real wireless captures, each written bit by bit by this test (no simulator
 * code), with expectations worked out by hand.
 *
 * <p>The device: 8 x 4 pixels, buffers of 64 bytes (one block of 64) with no bit or byte reversal:
 * 2 dummy words ({@code 33 33 00 FF}), the preamble {@code 12 34 56 78}, 11 header words (little
 * endian) and 8 pixel bytes. A frame is 4 buffers of 8 pixels; a span (preamble to preamble) is 512
 * bits. Pixel {@code i} of frame {@code f} is {@code 32 f + 7 i + 1} (mod 256).
 */
class WirePhenomenaTest {
  static final StreamDevConfig CONFIG =
      new StreamDevConfig(
          "OK",
          null,
          null,
          null,
          8,
          4,
          20,
          IntNode.valueOf(0x12345678),
          384,
          8,
          1,
          64,
          32,
          false,
          false,
          false,
          false,
          2,
          null,
          null);

  /** What the camera saw. */
  static byte[] scene(int frame) {
    byte[] p = new byte[32];
    for (int i = 0; i < 32; i++) {
      p[i] = (byte) (32 * frame + 7 * i + 1);
    }
    return p;
  }

  /** Bits, first bit first; bytes are written MSB first, as on the wire. */
  static final class Bits {
    final List<Boolean> bits = new ArrayList<>();

    Bits bytes(int... values) {
      for (int v : values) {
        for (int k = 7; k >= 0; k--) {
          bits.add(((v >> k) & 1) == 1);
        }
      }
      return this;
    }

    Bits word(long v) {
      return bytes((int) v & 0xFF, (int) (v >> 8) & 0xFF, (int) (v >> 16) & 0xFF, (int) (v >> 24));
    }

    byte[] toBytes() {
      byte[] out = new byte[(bits.size() + 7) / 8];
      for (int i = 0; i < bits.size(); i++) {
        if (bits.get(i)) {
          out[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
      }
      return out;
    }
  }

  /**
   * Buffer {@code n} (frame {@code n / 4}, slot {@code n % 4}) on the wire: filler, preamble,
   * header, pixels. Bit positions: filler 0-63, preamble 64-95, header 96-447, pixels 448-511.
   */
  static Bits buffer(int n) {
    int frame = n / 4;
    int slot = n % 4;
    Bits b = new Bits().bytes(0x33, 0x33, 0x00, 0xFF, 0x33, 0x33, 0x00, 0xFF);
    b.bytes(0x12, 0x34, 0x56, 0x78);
    long[] header = {n % 32, frame, n, slot, n, 0, 1000 + 50 * frame + slot, 8, 0, 176, 100};
    for (long w : header) {
      b.word(w);
    }
    byte[] pixels = scene(frame);
    for (int i = 0; i < 8; i++) {
      b.bytes(pixels[8 * slot + i] & 0xFF);
    }
    return b;
  }

  static Bits stream(int buffers) {
    Bits all = new Bits();
    for (int n = 0; n < buffers; n++) {
      all.bits.addAll(buffer(n).bits);
    }
    return all;
  }

  /** Removes {@code count} bits at {@code at} of buffer {@code n} (a slip that loses bits). */
  static void lose(Bits s, int n, int at, int count) {
    int start = 512 * n + at;
    s.bits.subList(start, start + count).clear();
  }

  static List<Frame> decode(Bits s, StreamDevice[] device) throws InterruptedException {
    return StreamDeviceTest.decode(CONFIG, s.toBytes(), 7, device);
  }

  @Test
  void aCleanStreamDecodesToTheScene() throws Exception {
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(stream(8), d);
    assertThat(frames).extracting(Frame::pixels8).containsExactly(scene(0), scene(1));
    assertThat(frames).allMatch(f -> f.integrity().equals(FrameIntegrity.COMPLETE));
    assertThat(d[0].stats().fillerSlips()).isZero();
  }

  /**
   * A slip inside the filler in front of buffer 2 (so at the end of buffer 1's span): buffer 1's
   * span is {@code -lost} bits short or {@code gained} bits long, but every pixel is intact.
   */
  @ParameterizedTest(name = "filler slip of {1} bits at filler bit {0}")
  @CsvSource({"10, -36", "0, -36", "35, -29", "0, -12", "52, -12", "40, 3", "0, 5", "63, 5"})
  void aSlipInTheFillerLeavesEveryPixelExact(int at, int slip) throws Exception {
    Bits s = stream(8);
    if (slip < 0) {
      lose(s, 2, at, -slip);
    } else {
      for (int k = 0; k < slip; k++) {
        s.bits.add(512 * 2 + at, k % 2 == 0); // invented bits
      }
    }
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(s, d);
    assertThat(frames).extracting(Frame::pixels8).containsExactly(scene(0), scene(1));
    assertThat(frames).allMatch(f -> f.integrity().equals(FrameIntegrity.COMPLETE));
    StreamStats stats = d[0].stats();
    assertThat(stats.fillerSlips()).isEqualTo(1);
    assertThat(stats.slippedBuffers()).isZero();
    assertThat(stats.shortBuffers()).isEqualTo(slip < 0 ? 1 : 0);
    assertThat(frames.get(0).headers().get(1).runtime().blackPaddingPixels()).isZero();
  }

  /**
   * Buffer 1 loses 5 bits at bit 20 of its pixels (inside pixel 2): the intact filler starts 5 bits
   * before where its pixels should end. Its first two pixels are exact; the 7 whole bytes before
   * the filler are suspect (shifted bits); its last pixel never arrived and is padded.
   */
  @Test
  void aSlipInsideThePixelsMakesThemSuspect() throws Exception {
    Bits s = stream(8);
    lose(s, 1, 448 + 20, 5);
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(s, d);
    Frame f0 = frames.get(0);
    assertThat(f0.integrity()).isEqualTo(new FrameIntegrity(0, 1, 0, 7, 0));
    byte[] want = scene(0);
    byte[] got = f0.pixels8();
    assertThat(Arrays.copyOfRange(got, 0, 10)).isEqualTo(Arrays.copyOfRange(want, 0, 10));
    assertThat(got[15]).isZero();
    assertThat(Arrays.copyOfRange(got, 16, 32)).isEqualTo(Arrays.copyOfRange(want, 16, 32));
    assertThat(f0.headers().get(1).runtime().suspectPixels()).isEqualTo(7);
    assertThat(f0.headers().get(1).runtime().blackPaddingPixels()).isEqualTo(1);
    assertThat(frames.get(1).pixels8()).isEqualTo(scene(1));
    assertThat(d[0].stats().slippedBuffers()).isEqualTo(1);
  }

  /**
   * One flipped bit in buffer 2's preamble: buffers 1 and 2 arrive as one span of 1024 bits (or
   * 1012 when the filler in front of buffer 2 also lost 12 bits). Buffer 1 leads the span; buffer 2
   * is found one buffer on and recovered: nothing is lost.
   */
  @ParameterizedTest(name = "filler slip {0}")
  @CsvSource({"0", "-12"})
  void aFlippedPreambleBitLosesNothing(int slip) throws Exception {
    Bits s = stream(8);
    int preambleBit = 512 * 2 + 64 + 13;
    s.bits.set(preambleBit, !s.bits.get(preambleBit));
    if (slip < 0) {
      lose(s, 2, 20, -slip);
    }
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(s, d);
    assertThat(frames).extracting(Frame::pixels8).containsExactly(scene(0), scene(1));
    assertThat(frames.get(0).integrity()).isEqualTo(new FrameIntegrity(0, 0, 0, 0, 1));
    assertThat(frames.get(0).headers()).hasSize(4);
    assertThat(frames.get(0).headers().get(2).runtime().recovered()).isTrue();
    assertThat(frames.get(0).headers().get(1).runtime().recovered()).isFalse();
    StreamStats stats = d[0].stats();
    assertThat(stats.mergedSpans()).isEqualTo(1);
    assertThat(stats.recoveredBuffers()).isEqualTo(1);
    assertThat(stats.buffersKept()).isEqualTo(8);
    assertThat(stats.discardedBits()).isEqualTo(64); // only the filler before the first preamble
  }

  /**
   * The capture starts inside buffer 1 (at its header): the first preamble is buffer 2's. Frame 0
   * is still given, its slots 0 and 1 zero and counted missing.
   */
  @Test
  void aStreamStartingInsideAFrameGivesThatFrameWithItsMissingBuffers() throws Exception {
    Bits s = stream(8);
    s.bits.subList(0, 512 + 100).clear();
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(s, d);
    assertThat(frames).hasSize(2);
    Frame f0 = frames.get(0);
    assertThat(f0.integrity()).isEqualTo(new FrameIntegrity(2, 16, 0, 0, 0));
    byte[] want = scene(0);
    Arrays.fill(want, 0, 16, (byte) 0);
    assertThat(f0.pixels8()).isEqualTo(want);
    assertThat(f0.deviceFrameNumber()).hasValue(0);
    assertThat(frames.get(1).pixels8()).isEqualTo(scene(1));
    assertThat(d[0].stats().missingBuffers()).isEqualTo(2);
    assertThat(d[0].stats().discardedBits()).isEqualTo(412 + 64);
  }

  /** A stream that ends after buffer 5 gives frame 1 with its last two buffers missing. */
  @Test
  void aStreamEndingInsideAFrameGivesThatFrameToo() throws Exception {
    StreamDevice[] d = new StreamDevice[1];
    List<Frame> frames = decode(stream(6), d);
    assertThat(frames).hasSize(2);
    assertThat(frames.get(1).integrity()).isEqualTo(new FrameIntegrity(2, 16, 0, 0, 0));
    assertThat(Arrays.copyOf(frames.get(1).pixels8(), 16)).isEqualTo(Arrays.copyOf(scene(1), 16));
  }
}
