package org.scopeio.live.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.scopeio.api.Frame;
import org.scopeio.live.Contrast;

/**
 * One frame prepared for the browser: its full-resolution histogram, the display window chosen by a
 * {@link Contrast} mode, and the 8-bit gray image through that window as PNG or JPEG.
 */
public final class FrameImage {
  /** Fraction of pixels left out at each end by {@link Contrast#AUTO}. */
  static final double AUTO_TAIL = 0.001;

  // the JDK's PNG writer uses deflate level (int) (9 * (1 - quality))
  private static final float PNG_QUALITY = 0.8f;
  private static final float JPEG_QUALITY = 0.85f;

  private final Frame frame;
  private final int[] counts; // one per possible value

  public FrameImage(Frame frame) {
    this.frame = frame;
    this.counts = new int[frame.pixelType().maxValue() + 1];
    for (int i = 0, n = frame.pixelCount(); i < n; i++) {
      counts[frame.pixelAt(i)]++;
    }
  }

  public Frame frame() {
    return frame;
  }

  /**
   * The display window {@code [lo, hi]} ({@code hi > lo}): the 0.1 and 99.9 percentiles for {@link
   * Contrast#AUTO}, the smallest and largest pixel for {@link Contrast#MIN_MAX}, {@code fixedLo}
   * and {@code fixedHi} (clamped to the pixel range) for {@link Contrast#FIXED}.
   */
  public int[] window(Contrast contrast, int fixedLo, int fixedHi) {
    int max = counts.length - 1;
    int lo;
    int hi;
    switch (contrast) {
      case AUTO -> {
        long tail = (long) Math.floor(frame.pixelCount() * AUTO_TAIL);
        lo = valueAtRank(tail);
        hi = valueAtRank(frame.pixelCount() - 1 - tail);
      }
      case MIN_MAX -> {
        lo = valueAtRank(0);
        hi = valueAtRank(frame.pixelCount() - 1);
      }
      case FIXED -> {
        lo = Math.max(0, Math.min(max, fixedLo));
        hi = Math.max(0, Math.min(max, fixedHi));
      }
      default -> throw new AssertionError(contrast);
    }
    if (hi <= lo) {
      if (lo < max) {
        hi = lo + 1;
      } else {
        lo = max - 1;
        hi = max;
      }
    }
    return new int[] {lo, hi};
  }

  /** The pixel value with {@code rank} smaller-or-equal pixels before it in sorted order. */
  private int valueAtRank(long rank) {
    long seen = 0;
    for (int v = 0; v < counts.length; v++) {
      seen += counts[v];
      if (seen > rank) {
        return v;
      }
    }
    return counts.length - 1;
  }

  /**
   * The histogram in {@code bins} equal bins over the whole pixel range {@code [0, maxValue]}; bin
   * {@code b} counts the values {@code v} with {@code v * bins / (maxValue + 1) == b}.
   */
  public long[] histogram(int bins) {
    long[] out = new long[bins];
    for (int v = 0; v < counts.length; v++) {
      out[(int) ((long) v * bins / counts.length)] += counts[v];
    }
    return out;
  }

  /**
   * The frame as 8-bit gray through the window: {@code lo} and below become 0, {@code hi} and above
   * 255, values between are scaled linearly and rounded.
   */
  public byte[] gray8(int lo, int hi) {
    byte[] lut = new byte[counts.length];
    double scale = 255.0 / (hi - lo);
    for (int v = 0; v < lut.length; v++) {
      long g = Math.round((v - lo) * scale);
      lut[v] = (byte) Math.max(0, Math.min(255, g));
    }
    int n = frame.pixelCount();
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = lut[frame.pixelAt(i)];
    }
    return out;
  }

  /** {@link #gray8} encoded as {@code format} ("png" or "jpeg"). */
  public byte[] encode(int lo, int hi, String format) {
    BufferedImage image =
        new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setDataElements(0, 0, frame.width(), frame.height(), gray8(lo, hi));
    ByteArrayOutputStream out = new ByteArrayOutputStream(frame.pixelCount() / 2 + 1024);
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      // PNG: deflate level 1 (of 9), a few times faster than the default 4 for noisy frames;
      // JPEG: quality 0.85
      param.setCompressionQuality(format.equals("png") ? PNG_QUALITY : JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: does not happen
    }
    writer.dispose();
    return out.toByteArray();
  }
}
