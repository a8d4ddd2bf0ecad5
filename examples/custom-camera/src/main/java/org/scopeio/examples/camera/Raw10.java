package org.scopeio.examples.camera;

/**
 * MIPI RAW10 packing: four 10-bit pixels in five bytes. Bytes 0 to 3 hold the high 8 bits of pixels
 * 0 to 3; byte 4 holds their low 2 bits, pixel 0 in bits 1-0, pixel 1 in bits 3-2, pixel 2 in bits
 * 5-4, pixel 3 in bits 7-6.
 */
public final class Raw10 {
  private Raw10() {}

  /** Bytes of {@code pixels} packed pixels ({@code pixels} a multiple of 4). */
  public static int packedBytes(int pixels) {
    if (pixels % 4 != 0) {
      throw new IllegalArgumentException("RAW10 packs 4 pixels at a time; got " + pixels);
    }
    return pixels / 4 * 5;
  }

  /** Unpacks {@code out.length} pixels from {@code packed} starting at {@code offset}. */
  public static void unpack(byte[] packed, int offset, short[] out) {
    for (int p = 0, b = offset; p < out.length; p += 4, b += 5) {
      int low = packed[b + 4] & 0xFF;
      for (int k = 0; k < 4; k++) {
        out[p + k] = (short) (((packed[b + k] & 0xFF) << 2) | ((low >> (2 * k)) & 0x3));
      }
    }
  }

  /** Packs 10-bit {@code pixels} (values 0 to 1023) into {@code out} at {@code offset}. */
  public static void pack(short[] pixels, byte[] out, int offset) {
    for (int p = 0, b = offset; p < pixels.length; p += 4, b += 5) {
      int low = 0;
      for (int k = 0; k < 4; k++) {
        int v = pixels[p + k] & 0x3FF;
        out[b + k] = (byte) (v >> 2);
        low |= (v & 0x3) << (2 * k);
      }
      out[b + 4] = (byte) low;
    }
  }
}
