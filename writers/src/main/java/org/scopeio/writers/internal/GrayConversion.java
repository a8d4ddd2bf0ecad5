package org.scopeio.writers.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
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

  /**
   * Writes the field {@code conversion}: {@code from}, {@code significant_bits}, {@code shift} and
   * {@code clipped_pixels} for 16-bit input, {@code null} when nothing is converted.
   */
  public void writeJson(JsonGenerator g) throws IOException {
    if (!converts()) {
      g.writeNullField("conversion");
      return;
    }
    g.writeObjectFieldStart("conversion");
    g.writeStringField("from", from.id());
    g.writeNumberField("significant_bits", bits);
    g.writeNumberField("shift", shift);
    g.writeNumberField("clipped_pixels", clipped);
    g.writeEndObject();
  }

  /** 16-bit pixels above {@code bits} that became 255. */
  public long clippedPixels() {
    return clipped;
  }
}
