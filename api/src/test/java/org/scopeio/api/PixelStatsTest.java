package org.scopeio.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-pass sum and maximum of a frame's pixels, against hand-worked values. */
class PixelStatsTest {

  private static Frame frame8(byte[] px) {
    return Frame.builder(px.length, 1, PixelType.UINT8).pixels(px).build();
  }

  @org.junit.jupiter.api.Test
  void handWorkedEightBitFrames() {
    // 10 pixels: one word of 8 and a tail of 2; the maximum sits in the word's top byte
    byte[] px = {0, 1, 2, 3, 4, 5, 6, (byte) 200, 7, 8};
    assertThat(frame8(px).pixelStats()).isEqualTo(new Frame.PixelStats(236, 200));
    // unsigned: 0x80 and above are large values, not negative ones
    byte[] high = {(byte) 0x80, 0x7F, (byte) 0xFF, 0, 0, 0, 0, (byte) 0x81};
    assertThat(frame8(high).pixelStats())
        .isEqualTo(new Frame.PixelStats(128 + 127 + 255 + 129, 255));
    // the maximum only in the tail
    byte[] tail = {1, 1, 1, 1, 1, 1, 1, 1, 9};
    assertThat(frame8(tail).pixelStats()).isEqualTo(new Frame.PixelStats(17, 9));
    assertThat(frame8(new byte[7]).pixelStats()).isEqualTo(new Frame.PixelStats(0, 0));
  }

  @ParameterizedTest
  @ValueSource(ints = {8 * 128, 8 * 128 + 8, 8 * 129 - 1, 608 * 608, 2000 * 2000})
  void everyPixelAt255SumsWithoutALaneOverflowing(int n) {
    byte[] px = new byte[n];
    Arrays.fill(px, (byte) 255);
    assertThat(frame8(px).pixelStats()).isEqualTo(new Frame.PixelStats(255L * n, 255));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
  void theMaximumIsFoundInEveryBytePosition(int position) {
    // 16 bytes (two words) are read a step: the second step's every byte, in either word
    byte[] px = new byte[64];
    Arrays.fill(px, (byte) 0x7F);
    px[16 + position] = (byte) 0x80; // 128 beats 127 only when compared unsigned
    assertThat(frame8(px).pixelMax()).isEqualTo(128);
    assertThat(frame8(px).pixelSum()).isEqualTo(63L * 127 + 128);
    // and a maximum below 128 found after a smaller one in the other word of the same step
    Arrays.fill(px, (byte) 3);
    px[16 + (position + 8) % 16] = 9;
    px[16 + position] = 100;
    assertThat(frame8(px).pixelMax()).isEqualTo(100);
    assertThat(frame8(px).pixelSum()).isEqualTo(62L * 3 + 9 + 100);
  }

  @ParameterizedTest
  @ValueSource(ints = {15, 16, 17, 1023, 1024, 1025, 1040, 1041, 2064})
  void aMaximumRisingPastEveryValueIsFollowed(int n) {
    // values climb 0..255 and again: the maximum is raised over and over, across 128, in both
    // words of a step, in the tail and on either side of the 16-bit lanes' folds (every 1024 bytes)
    byte[] px = new byte[n];
    long sum = 0;
    int max = 0;
    for (int i = 0; i < n; i++) {
      int v = (i * 3 + i / 7) % 256;
      px[i] = (byte) v;
      sum += v;
      max = Math.max(max, v);
    }
    assertThat(frame8(px).pixelStats()).isEqualTo(new Frame.PixelStats(sum, max));
  }

  static IntStream seeds() {
    return IntStream.range(0, 40);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomFramesAgreeWithTheDefinition(int seed) {
    Random r = new Random(seed);
    int n = 1 + r.nextInt(5000);
    byte[] px = new byte[n];
    r.nextBytes(px);
    if (seed % 3 == 0) { // dark frames: values in a narrow range
      for (int i = 0; i < n; i++) {
        px[i] = (byte) (px[i] & 0x0F);
      }
    }
    long sum = 0;
    int max = 0;
    for (byte b : px) {
      sum += b & 0xFF;
      max = Math.max(max, b & 0xFF);
    }
    assertThat(frame8(px).pixelStats()).isEqualTo(new Frame.PixelStats(sum, max));
    short[] px16 = new short[n];
    long sum16 = 0;
    int max16 = 0;
    for (int i = 0; i < n; i++) {
      px16[i] = (short) r.nextInt(1 << 16);
      sum16 += px16[i] & 0xFFFF;
      max16 = Math.max(max16, px16[i] & 0xFFFF);
    }
    Frame f16 = Frame.builder(n, 1, PixelType.UINT16).pixels(px16).build();
    assertThat(f16.pixelStats()).isEqualTo(new Frame.PixelStats(sum16, max16));
  }
}
