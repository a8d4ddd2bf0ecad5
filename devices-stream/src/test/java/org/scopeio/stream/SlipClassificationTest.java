package org.scopeio.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scopeio.api.Frame;
import org.scopeio.simulator.StreamEncoder;

/**
 * Where a slip happened, told from the filler: 100 seeded slips at random places of the filler in
 * front of buffer 4 (losing 1 to 40 bits or gaining 1 to 8 random ones) must leave every pixel
 * exact and nothing suspect; 100 slips at random places of buffer 3's pixels losing 4 to 64 bits
 * must make that buffer's pixels suspect. (A loss of 1 to 3 bits right before the filler cannot be
 * told from one at the filler's first bits; docs/formats.md §4.8.) The slips are made here, bit by
 * bit, on a clean capture; the expected pixels are the scene's.
 */
class SlipClassificationTest {
  static final int W200_BUFFER = 5120;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {42, 7})
  void slipsAreToldApartByTheFiller(long seed) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<byte[]> scene = new ArrayList<>();
    new StreamEncoder(StreamDeviceTest.W200, StreamDeviceTest.FORMAT, 3, 2, Set.of())
        .write(out, (i, p) -> scene.add(p));
    byte[] clean = out.toByteArray();
    Random r = new Random(seed);
    for (int t = 0; t < 50; t++) {
      int amount = r.nextBoolean() ? -(1 + r.nextInt(40)) : 1 + r.nextInt(8);
      long at = 8L * 4 * W200_BUFFER + r.nextInt(320 - Math.max(0, -amount) + 1);
      StreamDevice[] d = new StreamDevice[1];
      List<Frame> frames =
          StreamDeviceTest.decode(StreamDeviceTest.W200, slip(clean, at, amount, r), 8192, d);
      assertThat(frames).as("filler slip %d at %d", amount, at).hasSize(2);
      assertThat(frames.get(0).pixels8()).as("filler slip %d", amount).isEqualTo(scene.get(0));
      assertThat(frames.get(0).integrity().isComplete()).isTrue();
      assertThat(d[0].stats().fillerSlips()).isEqualTo(1);
    }
    for (int t = 0; t < 50; t++) {
      int lost = 4 + r.nextInt(61);
      long at = 8L * (3 * W200_BUFFER + 88 + r.nextInt(5032 - 8));
      StreamDevice[] d = new StreamDevice[1];
      List<Frame> frames =
          StreamDeviceTest.decode(StreamDeviceTest.W200, slip(clean, at, -lost, r), 8192, d);
      assertThat(d[0].stats().slippedBuffers()).as("pixel slip of %d bits", lost).isEqualTo(1);
      assertThat(frames.get(0).integrity().suspectPixels()).isGreaterThan(0);
      assertThat(frames.get(1).pixels8()).isEqualTo(scene.get(1));
    }
  }

  /**
   * The stream with {@code amount} bits lost (negative) or random bits gained at bit {@code at}.
   */
  static byte[] slip(byte[] in, long at, int amount, Random r) {
    BitSet src = BitSet.valueOf(reverseBits(in));
    BitSet dst = new BitSet();
    int o = 0;
    for (int i = 0; i < 8 * in.length; i++) {
      if (i == at) {
        if (amount < 0) {
          i += -amount - 1;
          continue;
        }
        for (int k = 0; k < amount; k++) {
          dst.set(o++, r.nextBoolean());
        }
      }
      dst.set(o++, src.get(i));
    }
    byte[] b = new byte[(o + 7) / 8];
    byte[] set = dst.toByteArray();
    System.arraycopy(set, 0, b, 0, Math.min(set.length, b.length));
    return reverseBits(b);
  }

  /** Each byte's bits reversed: BitSet counts bits from the least significant. */
  static byte[] reverseBits(byte[] b) {
    byte[] o = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      o[i] = (byte) (Integer.reverse(b[i] & 0xFF) >>> 24);
    }
    return o;
  }
}
