package org.scopeio.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The bit and byte reversals of the wireless stream (docs/formats.md §4.5), exactly as mio's code
 * does them: the "bits" flag reverses all 32 bits of each little-endian word ({@code bitrev32}),
 * the "bytes" flag reverses the word's byte order ({@code bswap32}). With both flags set, as in the
 * shipped configs, a header word is the bit-reversed big-endian read of its four wire bytes and
 * each payload pixel is its wire byte with the bits reversed.
 */
public final class WordOrder {
  private static final byte[] REV8 = new byte[256];

  /** Eight bytes of an array at a time (each byte is transformed alone, so any order does). */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    for (int i = 0; i < 256; i++) {
      REV8[i] = (byte) (Integer.reverse(i) >>> 24);
    }
  }

  private WordOrder() {}

  /** All 32 bits reversed. */
  public static int bitrev32(int w) {
    return Integer.reverse(w);
  }

  /** Byte order reversed. */
  public static int bswap32(int w) {
    return Integer.reverseBytes(w);
  }

  /** The 8 bits of {@code b} reversed. */
  public static int rev8(int b) {
    return REV8[b & 0xFF] & 0xFF;
  }

  /**
   * Decodes one header word from 4 wire bytes at {@code offset} (missing bytes past {@code length}
   * count as zero, as when mio zero-pads a buffer to whole words).
   */
  public static int headerWord(
      byte[] buf, int offset, int length, boolean reverseBits, boolean reverseBytes) {
    int w = 0;
    for (int i = 0; i < 4; i++) {
      int p = offset + i;
      int b = p < length ? buf[p] & 0xFF : 0;
      w |= b << (8 * i);
    }
    if (reverseBits) {
      w = Integer.reverse(w);
    }
    if (reverseBytes) {
      w = Integer.reverseBytes(w);
    }
    return w;
  }

  /**
   * Decodes {@code count} payload bytes starting at {@code from} of {@code src} into {@code dst} at
   * {@code dstOffset}. {@code from} must be word aligned relative to the buffer start; bytes past
   * {@code srcLength} count as zero. The result is what mio's word transforms followed by a
   * little-endian byte view give.
   */
  public static void payload(
      byte[] src,
      int srcLength,
      int from,
      int count,
      byte[] dst,
      int dstOffset,
      boolean reverseBits,
      boolean reverseBytes) {
    if (reverseBits == reverseBytes && from + count <= srcLength) {
      // both flags or neither: bytes keep their order (the common case, and the fast one)
      if (!reverseBits) {
        System.arraycopy(src, from, dst, dstOffset, count);
      } else {
        byte[] rev = REV8;
        int i = 0;
        // eight bytes at a time: reversing all 64 bits, then the byte order, reverses each byte
        for (; i + 8 <= count; i += 8) {
          long w = (long) LONGS.get(src, from + i);
          LONGS.set(dst, dstOffset + i, Long.reverseBytes(Long.reverse(w)));
        }
        for (; i < count; i++) {
          dst[dstOffset + i] = rev[src[from + i] & 0xFF];
        }
      }
      return;
    }
    for (int i = 0; i < count; i++) {
      int p = from + i;
      int inWord = p & 3;
      int wordStart = p - inWord;
      // position of the source byte inside its word after the transforms
      int srcIndex = reverseBits != reverseBytes ? wordStart + (3 - inWord) : p;
      int b = srcIndex < srcLength ? src[srcIndex] & 0xFF : 0;
      dst[dstOffset + i] = (byte) (reverseBits ? REV8[b] : b);
    }
  }
}
