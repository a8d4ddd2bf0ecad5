package org.scopeio.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BufferSplitterTest {

  record Found(long offset, long bits, String hex) {}

  static final class Collect implements BufferSplitter.Sink {
    final List<Found> buffers = new ArrayList<>();
    final List<long[]> overlong = new ArrayList<>();
    long discarded;

    @Override
    public void buffer(byte[] data, long bits, long bitOffset, boolean endOfStream) {
      assertThat(data.length).isGreaterThanOrEqualTo((int) ((bits + 7) / 8));
      buffers.add(
          new Found(
              bitOffset,
              bits,
              java.util.HexFormat.of().formatHex(data, 0, (int) ((bits + 7) / 8))));
    }

    @Override
    public void overlong(long bits, long bitOffset) {
      overlong.add(new long[] {bitOffset, bits});
    }

    @Override
    public void discarded(long bits) {
      discarded += bits;
    }
  }

  static Collect split(byte[] preamble, long maxSpan, byte[] stream, int chunk) {
    return split(preamble, maxSpan, 0, stream, chunk);
  }

  static Collect split(byte[] preamble, long maxSpan, long expected, byte[] stream, int chunk) {
    Collect c = new Collect();
    BufferSplitter s = new BufferSplitter(preamble, maxSpan, expected, c);
    for (int i = 0; i < stream.length; i += chunk) {
      s.feed(stream, i, Math.min(chunk, stream.length - i));
    }
    s.finish();
    return c;
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 5, 7, 1, 100})
  void miosChunkingTestAndTheFinalBufferToo(int chunk) {
    // mio: preamble "ab", "ab000" x 3 read in chunks of 3, 5 or 7 bytes; mio yields two buffers,
    // Scopeio also emits the third at end of input (docs/formats.md, decision 14)
    byte[] stream = "ab000ab000ab000".getBytes(StandardCharsets.US_ASCII);
    Collect c = split("ab".getBytes(StandardCharsets.US_ASCII), 1000, stream, chunk);
    String ab000 = java.util.HexFormat.of().formatHex("ab000".getBytes(StandardCharsets.US_ASCII));
    assertThat(c.buffers)
        .containsExactly(
            new Found(0, 40, ab000), new Found(40, 40, ab000), new Found(80, 40, ab000));
    assertThat(c.discarded).isZero();
  }

  @Test
  void theSearchPatternIsReversedWholeForReverseHeaderBits() {
    byte[] p = {0x12, 0x34, 0x56, 0x78};
    assertThat(BufferSplitter.searchPattern(p, true)).containsExactly(0x1E, 0x6A, 0x2C, 0x48);
    assertThat(BufferSplitter.searchPattern(p, false)).containsExactly(p);
  }

  /** A bit stream writer for building misaligned test streams. */
  static final class Bits {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    int cur;
    int n;
    long total;

    void bit(int b) {
      cur = (cur << 1) | (b & 1);
      n++;
      total++;
      if (n == 8) {
        out.write(cur);
        cur = 0;
        n = 0;
      }
    }

    void bytes(byte[] bs, long bits) {
      for (long i = 0; i < bits; i++) {
        bit((bs[(int) (i / 8)] >> (7 - (int) (i % 8))) & 1);
      }
    }

    byte[] done() {
      while (n != 0) {
        bit(0);
      }
      return out.toByteArray();
    }
  }

  static boolean contains(byte[] data, long bits, byte[] pattern) {
    // true if the pattern appears at any bit offset > 0 within data's first bits
    Collect c = new Collect();
    BufferSplitter s = new BufferSplitter(pattern, Long.MAX_VALUE / 4, c);
    s.feed(Arrays.copyOf(data, (int) ((bits + 7) / 8)));
    s.finish();
    return !c.buffers.isEmpty() && (c.buffers.size() > 1 || c.buffers.get(0).offset() != 0);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void misalignedDriftingShortBuffersSplitTheSameForEveryChunkSize(long seed) {
    Random r = new Random(seed);
    byte[] preamble = {0x1E, 0x6A, 0x2C, 0x48};
    Bits w = new Bits();
    // garbage before the first preamble, at a random bit count
    int garbage = 5 + r.nextInt(200);
    for (int i = 0; i < garbage; i++) {
      w.bit(0);
    }
    List<Found> expected = new ArrayList<>();
    for (int b = 0; b < 40; b++) {
      // nominal 4096 bits, sometimes a few dozen bits short (bit slips shift the phase)
      long bits = 4096 - (r.nextInt(5) == 0 ? 1 + r.nextInt(60) : 0);
      byte[] body;
      do {
        body = new byte[(int) (bits / 8) + 1];
        r.nextBytes(body);
        System.arraycopy(preamble, 0, body, 0, 4);
      } while (contains(body, bits, preamble));
      long offset = w.total;
      w.bytes(body, bits);
      byte[] padded = Arrays.copyOf(body, (int) ((bits + 7) / 8));
      if (bits % 8 != 0) {
        padded[padded.length - 1] &= (byte) (0xFF << (8 - bits % 8));
      }
      expected.add(new Found(offset, bits, java.util.HexFormat.of().formatHex(padded)));
    }
    long streamBits = w.total;
    byte[] stream = w.done();
    // the final buffer runs to the end of the (zero-padded) byte stream
    Found last = expected.remove(expected.size() - 1);
    long lastBits = 8L * stream.length - last.offset();
    byte[] lastBytes = new byte[(int) ((lastBits + 7) / 8)];
    Bits lw = new Bits();
    lw.bytes(java.util.HexFormat.of().parseHex(last.hex()), streamBits - last.offset());
    byte[] lb = lw.done();
    System.arraycopy(lb, 0, lastBytes, 0, Math.min(lb.length, lastBytes.length));
    expected.add(new Found(last.offset(), lastBits, java.util.HexFormat.of().formatHex(lastBytes)));

    for (int chunk : new int[] {1, 2, 3, 7, 64, 509, 4096, stream.length}) {
      for (long predicted : new long[] {0, 4096}) {
        Collect c = split(preamble, 8192, predicted, stream, chunk);
        assertThat(c.buffers)
            .as("chunk %d, predicted span %d", chunk, predicted)
            .isEqualTo(expected);
        assertThat(c.discarded).isEqualTo(garbage);
        assertThat(c.overlong).isEmpty();
      }
    }
  }

  @Test
  void memoryStaysBoundedWhenNoPreambleAppears() {
    byte[] preamble = {0x1E, 0x6A, 0x2C, 0x48};
    Collect c = new Collect();
    BufferSplitter s = new BufferSplitter(preamble, 40960, c);
    byte[] chunk = new byte[65536];
    Arrays.fill(chunk, (byte) 0x33);
    int maxHeld = 0;
    for (int i = 0; i < 200; i++) { // 12.5 MiB
      s.feed(chunk);
      maxHeld = Math.max(maxHeld, s.heldBytes());
    }
    s.finish();
    assertThat(maxHeld).isLessThanOrEqualTo(2 * 65536 + 16);
    assertThat(c.buffers).isEmpty();
    assertThat(c.discarded).isEqualTo(200L * 65536 * 8);
  }

  @Test
  void aLostPreambleGivesAnOverlongSpanThatIsReportedNotKept() {
    byte[] preamble = {0x1E, 0x6A, 0x2C, 0x48};
    byte[] stream = new byte[3 * 5120];
    for (int b = 0; b < 3; b++) {
      System.arraycopy(preamble, 0, stream, b * 5120, 4);
    }
    stream[5120] ^= 0x10; // corrupt the second preamble: buffers 1 and 2 merge
    Collect c = split(preamble, 5120 * 8 + 64, stream, 1000);
    assertThat(c.overlong).hasSize(1);
    assertThat(c.overlong.get(0)[0]).isZero();
    assertThat(c.buffers).extracting(Found::offset).containsExactly(2L * 5120 * 8);
    assertThat(c.buffers.get(0).bits()).isEqualTo(5120 * 8);
  }

  @Test
  void aPreamblePatternInsidePixelDataSplitsOnlyWithoutTheNominalSpan() {
    byte[] preamble = {0x1E, 0x6A, 0x2C, 0x48};
    byte[] stream = new byte[3 * 5120];
    for (int b = 0; b < 3; b++) {
      System.arraycopy(preamble, 0, stream, b * 5120, 4);
    }
    System.arraycopy(preamble, 0, stream, 5120 + 2000, 4); // pixels that look like a preamble
    Collect mio = split(preamble, 100_000, 0, stream, 4096);
    assertThat(mio.buffers)
        .extracting(Found::offset)
        .containsExactly(0L, 40960L, 40960L + 16000, 81920L);
    for (int chunk : new int[] {1, 100, 4096, stream.length}) {
      Collect nominal = split(preamble, 100_000, 40960, stream, chunk);
      assertThat(nominal.buffers).extracting(Found::offset).containsExactly(0L, 40960L, 81920L);
      assertThat(nominal.buffers.get(1).bits()).isEqualTo(40960);
    }
  }
}
