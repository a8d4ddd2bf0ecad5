package org.scopeio.simulator.internal;

/** Per-word bit and byte reversal of payload bytes, as the stream device sends them. */
public final class Wire {
  private Wire() {}

  /**
   * Writes {@code src} (a multiple of 4 bytes) to {@code dst} at {@code at}, each 32-bit word
   * transformed as docs/formats.md §4.5's table says for the two payload flags. Each transform is
   * its own inverse, so this both encodes and decodes.
   */
  public static void payload(byte[] src, byte[] dst, int at, boolean bits, boolean bytes) {
    for (int w = 0; w < src.length; w += 4) {
      for (int k = 0; k < 4; k++) {
        int from = bits != bytes ? w + 3 - k : w + k;
        int b = src[from] & 0xFF;
        dst[at + w + k] = (byte) (bits ? Integer.reverse(b) >>> 24 : b);
      }
    }
  }
}
