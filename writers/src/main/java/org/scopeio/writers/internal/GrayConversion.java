package org.scopeio.writers.internal;

import java.nio.ByteBuffer;
import org.scopeio.api.Frame;
import org.scopeio.api.PixelType;

/**
 * Explicit conversion of frames to 8-bit gray for formats that hold 8 bits: 8-bit frames pass
 * unchanged; 16-bit frames with {@code bits} significant bits become {@code value >> (bits - 8)},
 * and values above {@code 2^bits - 1} become 255 and are counted as clipped. Nothing is truncated
 * silently.
 */
public final class GrayConversion {
  private final PixelType from;
  private final int bits;
  private final int shift;
  private long clipped;

  /**
   * @param from the frames' pixel type
   * @param bits significant bits of 16-bit frames (9 to 16; ignored for 8-bit frames)
   */
  public GrayConversion(PixelType from, int bits) {
    this.from = from;
    this.bits = bits;
    this.shift = from == PixelType.UINT16 ? bits - 8 : 0;
  }

  /** Puts {@code frame}'s pixels as 8-bit gray into {@code dst} (cleared first, then flipped). */
  public void convert(Frame frame, ByteBuffer dst) {
    dst.clear();
    if (frame.pixelType() == PixelType.UINT8) {
      frame.copyPixelsTo(dst);
    } else {
      int max = (1 << bits) - 1;
      int n = frame.pixelCount();
      for (int i = 0; i < n; i++) {
        int v = frame.pixelAt(i);
        if (v > max) {
          clipped++;
          dst.put((byte) 255);
        } else {
          dst.put((byte) (v >> shift));
        }
      }
    }
    dst.flip();
  }

  /** Whether frames are converted at all (16-bit input). */
  public boolean converts() {
    return from == PixelType.UINT16;
  }

  public int bits() {
    return bits;
  }

  public int shift() {
    return shift;
  }

  /** 16-bit pixels above {@code bits} that became 255. */
  public long clippedPixels() {
    return clipped;
  }
}
