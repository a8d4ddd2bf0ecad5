package org.scopeio.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test vectors of docs/formats.md §4.5. */
class WordOrderTest {

  static byte[] input() {
    return HexFormat.of().parseHex("12345678" + "00112233445566778899AABB");
  }

  static String payload(boolean bits, boolean bytes) {
    byte[] in = input();
    byte[] out = new byte[12];
    WordOrder.payload(in, in.length, 4, 12, out, 0, bits, bytes);
    return HexFormat.of().formatHex(out);
  }

  @Test
  void allFlagsFalseReadsLittleEndianAndLeavesThePayload() {
    assertThat(WordOrder.headerWord(input(), 0, 16, false, false)).isEqualTo(0x78563412);
    assertThat(payload(false, false)).isEqualTo("00112233445566778899aabb");
  }

  @Test
  void allFlagsTrueMatchesMiosVector() {
    assertThat(WordOrder.headerWord(input(), 0, 16, true, true)).isEqualTo(0x1E6A2C48);
    assertThat(payload(true, true)).isEqualTo("008844cc22aa66ee119955dd");
  }

  @Test
  void singleFlagsFollowTheTable() {
    // bits only: (rev8(b0)<<24)+(rev8(b1)<<16)+(rev8(b2)<<8)+rev8(b3); payload rev8(b3..b0)
    assertThat(WordOrder.headerWord(input(), 0, 16, true, false)).isEqualTo(0x482C6A1E);
    assertThat(payload(true, false)).isEqualTo("cc448800ee66aa22dd559911");
    // bytes only: big-endian read; payload b3 b2 b1 b0
    assertThat(WordOrder.headerWord(input(), 0, 16, false, true)).isEqualTo(0x12345678);
    assertThat(payload(false, true)).isEqualTo("3322110077665544bbaa9988");
  }

  @Test
  void bswapAndBitrevVectors() {
    assertThat(WordOrder.bswap32(0x12345678)).isEqualTo(0x78563412);
    assertThat(WordOrder.bswap32(0xABCD4574)).isEqualTo(0x7445CDAB);
    assertThat(WordOrder.bswap32(0x11002200)).isEqualTo(0x00220011);
    assertThat(WordOrder.bitrev32(0b00000000000001111000000000000111))
        .isEqualTo(0b11100000000000011110000000000000);
    assertThat(WordOrder.bitrev32(0xAAAAAAAA)).isEqualTo(0x55555555);
    assertThat(WordOrder.bitrev32(0b11000011101010000100000000000000))
        .isEqualTo(0b00000000000000100001010111000011);
  }

  @Test
  void bytesPastTheEndCountAsZeroLikeMiosWordPadding() {
    byte[] in = {(byte) 0xFF, 0x01};
    assertThat(WordOrder.headerWord(in, 0, 2, false, false)).isEqualTo(0x01FF);
    byte[] out = new byte[4];
    WordOrder.payload(in, 2, 0, 4, out, 0, false, true);
    assertThat(out).containsExactly(0, 0, 0x01, 0xFF);
  }

  @Test
  void bothFlagsReverseTheBitsOfEveryByteAtAnyLengthAndOffset() {
    // every byte value, its bits reversed by hand: bit i of the input is bit 7 - i of the output
    byte[] in = new byte[300];
    for (int i = 0; i < in.length; i++) {
      in[i] = (byte) (i * 37 + 11);
    }
    for (int from = 0; from < 12; from += 4) {
      for (int count = 0; count <= 41; count++) {
        byte[] out = new byte[count + 3];
        WordOrder.payload(in, in.length, from, count, out, 3, true, true);
        for (int k = 0; k < count; k++) {
          int b = in[from + k] & 0xFF;
          int reversed = 0;
          for (int bit = 0; bit < 8; bit++) {
            reversed |= ((b >> bit) & 1) << (7 - bit);
          }
          assertThat(out[3 + k] & 0xFF)
              .as("from %d count %d byte %d", from, count, k)
              .isEqualTo(reversed);
        }
        assertThat(out[0] | out[1] | out[2]).as("nothing written before dstOffset").isZero();
      }
    }
  }
}
