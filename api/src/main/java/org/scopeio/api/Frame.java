package org.scopeio.api;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One image from a device, immutable and safe to share between threads.
 *
 * <p>Pixels are unsigned 8- or 16-bit gray values in row-major order: {@link #height()} rows of
 * {@link #width()} columns, pixel {@code (row, col)} at {@code row * width + col}. Besides the
 * pixels a frame carries when it was taken (device frame number and timestamp, host monotonic and
 * wall-clock time), the {@link BufferHeader}s it was assembled from, and its {@link
 * FrameIntegrity}.
 *
 * <p>Build frames with {@link #builder}. Accessors that return pixel arrays return copies; writers
 * use {@link #copyPixelsTo(ByteBuffer)} or {@link #pixel(int, int)} to avoid them.
 */
public final class Frame implements FrameOrGap {
  private final long index;
  private final int width;
  private final int height;
  private final PixelType pixelType;
  private final byte[] pixels8;
  private final short[] pixels16;
  private final long deviceFrameNumber;
  private final long deviceTimestampMillis;
  private final long hostMonotonicNanos;
  private final Instant wallClock;
  private final List<BufferHeader> headers;
  private final FrameIntegrity integrity;

  /** The pixels' sum and maximum, worked out once, on first use (the pixels never change). */
  private volatile PixelStats stats;

  private Frame(Builder b) {
    if (b.width <= 0 || b.height <= 0) {
      throw new IllegalArgumentException(
          "frame size must be positive, got " + b.width + "x" + b.height);
    }
    if (b.index < 0) {
      throw new IllegalArgumentException("frame index must be >= 0, got " + b.index);
    }
    long n = (long) b.width * b.height;
    if (b.pixels8 != null && b.pixels16 != null) {
      throw new IllegalArgumentException("a frame has either 8-bit or 16-bit pixels, not both");
    }
    if (b.pixelType == PixelType.UINT8) {
      if (b.pixels8 == null || b.pixels8.length != n) {
        throw new IllegalArgumentException(
            "8-bit frame of "
                + b.width
                + "x"
                + b.height
                + " needs "
                + n
                + " pixels, got "
                + (b.pixels8 == null ? "none" : b.pixels8.length));
      }
    } else if (b.pixels16 == null || b.pixels16.length != n) {
      throw new IllegalArgumentException(
          "16-bit frame of "
              + b.width
              + "x"
              + b.height
              + " needs "
              + n
              + " pixels, got "
              + (b.pixels16 == null ? "none" : b.pixels16.length));
    }
    this.index = b.index;
    this.width = b.width;
    this.height = b.height;
    this.pixelType = b.pixelType;
    this.pixels8 = b.pixels8;
    this.pixels16 = b.pixels16;
    this.deviceFrameNumber = b.deviceFrameNumber;
    this.deviceTimestampMillis = b.deviceTimestampMillis;
    this.hostMonotonicNanos = b.hostMonotonicNanos;
    this.wallClock = Objects.requireNonNull(b.wallClock, "wallClock");
    this.headers = List.copyOf(b.headers);
    this.integrity = Objects.requireNonNull(b.integrity, "integrity");
  }

  /** A builder for a frame of the given size and pixel type. */
  public static Builder builder(int width, int height, PixelType pixelType) {
    return new Builder(width, height, Objects.requireNonNull(pixelType, "pixelType"));
  }

  /** Index of this frame in its recording, from 0. */
  public long index() {
    return index;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public PixelType pixelType() {
    return pixelType;
  }

  /** Number of pixels, {@code width * height}. */
  public int pixelCount() {
    return width * height;
  }

  /** Bytes the pixels take, {@code width * height * pixelType.bytes()}. */
  public long pixelBytes() {
    return (long) pixelCount() * pixelType.bytes();
  }

  /** Unsigned value of the pixel in row {@code row}, column {@code col}. */
  public int pixel(int row, int col) {
    if (row < 0 || row >= height || col < 0 || col >= width) {
      throw new IndexOutOfBoundsException(
          "pixel (" + row + ", " + col + ") is outside a frame of " + height + " rows x " + width);
    }
    return pixelAt(row * width + col);
  }

  /** Unsigned value of the pixel at row-major position {@code i}. */
  public int pixelAt(int i) {
    return pixels8 != null ? pixels8[i] & 0xFF : pixels16[i] & 0xFFFF;
  }

  /** Sum of all pixel values (for mean brightness), without copying. */
  public long pixelSum() {
    return pixelStats().sum();
  }

  /** The largest pixel value, without copying. */
  public int pixelMax() {
    return pixelStats().max();
  }

  /**
   * The sum and the largest of the pixel values, exact, in one pass over the pixels without copying
   * (what telemetry takes from every frame), once per frame: the value is kept. 8-bit pixels are
   * read eight at a time as one {@code long} (SWAR: sums in 16-bit lanes, a whole-word test for a
   * byte above the maximum so far).
   */
  public PixelStats pixelStats() {
    PixelStats s = stats;
    if (s == null) {
      s = pixels8 != null ? PixelStats.of(pixels8) : PixelStats.of(pixels16);
      stats = s; // a race computes the same value twice, harmlessly
    }
    return s;
  }

  /**
   * The sum and the largest of a frame's pixel values.
   *
   * @param sum the sum of all pixel values
   * @param max the largest pixel value (0 for a black frame)
   */
  public record PixelStats(long sum, int max) {
    private static final java.lang.invoke.VarHandle LONGS =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** The low byte of each 16-bit lane. */
    private static final long LOW_BYTES = 0x00FF_00FF_00FF_00FFL;

    /** The top bit of each byte. */
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    /** The low 7 bits of each byte. */
    private static final long LOW_7_BITS = 0x7F7F_7F7F_7F7F_7F7FL;

    /** One in each byte. */
    private static final long ONES = 0x0101_0101_0101_0101L;

    /**
     * Pairs of words summed into 16-bit lanes before they could overflow (64 x 4 x 255 < 65536).
     */
    private static final int PAIRS_PER_FOLD = 64;

    /**
     * Sums sixteen bytes at a time, as two words, in 16-bit lanes; for the maximum, tests both
     * words at once for a byte above the largest value so far ("has a byte greater than n",
     * carry-free because every byte sum stays below 256) and looks at their bytes only when one is,
     * which in a camera frame happens a few dozen times. Two words a step halve the loop's overhead
     * and its branches for the client compiler, which reads cards (86 -> 69 us per 608x608 frame);
     * C2, which unrolls the loop itself, does slightly worse with it (52 -> 59 us; README, Hot
     * paths).
     */
    public static PixelStats of(byte[] p) {
      int n = p.length;
      int i = 0;
      long sum = 0;
      int max = 0;
      long probe = 127 * ONES; // adding it to a byte of 7 bits carries into bit 7 iff byte > max
      while (n - i >= 16) {
        long lanes = 0;
        int end = Math.min(n - 15, i + 16 * PAIRS_PER_FOLD);
        for (; i < end; i += 16) {
          long x = (long) LONGS.get(p, i);
          long y = (long) LONGS.get(p, i + 8);
          lanes +=
              (x & LOW_BYTES) + ((x >>> 8) & LOW_BYTES) + (y & LOW_BYTES) + ((y >>> 8) & LOW_BYTES);
          long above;
          if (max < 128) {
            above = (x + probe) | x | (y + probe) | y;
          } else { // only bytes of 128 and more can be above: compare their low 7 bits
            above = (((x & LOW_7_BITS) + probe) & x) | (((y & LOW_7_BITS) + probe) & y);
          }
          if ((above & HIGH_BITS) != 0) {
            for (int k = 0; k < 64; k += 8) {
              max = Math.max(max, Math.max((int) (x >>> k) & 0xFF, (int) (y >>> k) & 0xFF));
            }
            probe = (max < 128 ? 127 - max : 255 - max) * ONES;
          }
        }
        lanes = (lanes & 0x0000_FFFF_0000_FFFFL) + ((lanes >>> 16) & 0x0000_FFFF_0000_FFFFL);
        sum += (lanes & 0xFFFF_FFFFL) + (lanes >>> 32);
      }
      for (; i < n; i++) {
        int v = p[i] & 0xFF;
        sum += v;
        max = Math.max(max, v);
      }
      return new PixelStats(sum, max);
    }

    /** The sum and the largest of 16-bit pixel values, one value at a time. */
    public static PixelStats of(short[] p) {
      long sum = 0;
      int max = 0;
      for (short s : p) {
        int v = s & 0xFFFF;
        sum += v;
        max = Math.max(max, v);
      }
      return new PixelStats(sum, max);
    }
  }

  /** A copy of the 8-bit pixels; fails for 16-bit frames. */
  public byte[] pixels8() {
    if (pixels8 == null) {
      throw new IllegalStateException("frame " + index + " has 16-bit pixels");
    }
    return pixels8.clone();
  }

  /** A copy of the 16-bit pixels; fails for 8-bit frames. */
  public short[] pixels16() {
    if (pixels16 == null) {
      throw new IllegalStateException("frame " + index + " has 8-bit pixels");
    }
    return pixels16.clone();
  }

  /**
   * Puts the pixels into {@code dst} in row-major order, 16-bit values in {@code dst}'s byte order.
   */
  public void copyPixelsTo(ByteBuffer dst) {
    if (pixels8 != null) {
      dst.put(pixels8);
    } else {
      // asShortBuffer() keeps dst's byte order
      dst.asShortBuffer().put(pixels16);
      dst.position(dst.position() + pixels16.length * 2);
    }
  }

  /** The device's own frame counter, if it has one. */
  public OptionalLong deviceFrameNumber() {
    return deviceFrameNumber < 0 ? OptionalLong.empty() : OptionalLong.of(deviceFrameNumber);
  }

  /** The device clock at this frame in milliseconds, if the device has a clock. */
  public OptionalLong deviceTimestampMillis() {
    return deviceTimestampMillis < 0
        ? OptionalLong.empty()
        : OptionalLong.of(deviceTimestampMillis);
  }

  /** Host {@link System#nanoTime()} when the frame was complete. */
  public long hostMonotonicNanos() {
    return hostMonotonicNanos;
  }

  /** Host wall-clock time when the frame was complete. */
  public Instant wallClock() {
    return wallClock;
  }

  /** The buffer headers this frame was built from, in arrival order; empty if none. */
  public List<BufferHeader> headers() {
    return headers;
  }

  public FrameIntegrity integrity() {
    return integrity;
  }

  @Override
  public String toString() {
    return "Frame[index="
        + index
        + ", "
        + width
        + "x"
        + height
        + " "
        + pixelType.id()
        + ", deviceFrame="
        + deviceFrameNumber
        + ", headers="
        + headers.size()
        + ", "
        + integrity
        + "]";
  }

  /** Collects the parts of a {@link Frame}; not thread-safe. */
  public static final class Builder {
    private final int width;
    private final int height;
    private final PixelType pixelType;
    private long index;
    private byte[] pixels8;
    private short[] pixels16;
    private long deviceFrameNumber = -1;
    private long deviceTimestampMillis = -1;
    private long hostMonotonicNanos = System.nanoTime();
    private Instant wallClock;
    private List<BufferHeader> headers = List.of();
    private FrameIntegrity integrity = FrameIntegrity.COMPLETE;

    private Builder(int width, int height, PixelType pixelType) {
      this.width = width;
      this.height = height;
      this.pixelType = pixelType;
    }

    public Builder index(long index) {
      this.index = index;
      return this;
    }

    /** 8-bit pixels, copied. */
    public Builder pixels(byte[] pixels) {
      this.pixels8 = pixels.clone();
      return this;
    }

    /** 16-bit pixels, copied. */
    public Builder pixels(short[] pixels) {
      this.pixels16 = pixels.clone();
      return this;
    }

    /** 8-bit pixels taken over without a copy: the caller must not touch the array afterwards. */
    public Builder adoptPixels(byte[] pixels) {
      this.pixels8 = pixels;
      return this;
    }

    /** 16-bit pixels taken over without a copy: the caller must not touch the array afterwards. */
    public Builder adoptPixels(short[] pixels) {
      this.pixels16 = pixels;
      return this;
    }

    /** The device's frame counter; negative means unknown. */
    public Builder deviceFrameNumber(long n) {
      this.deviceFrameNumber = n;
      return this;
    }

    /** The device clock in milliseconds; negative means unknown. */
    public Builder deviceTimestampMillis(long ms) {
      this.deviceTimestampMillis = ms;
      return this;
    }

    public Builder hostMonotonicNanos(long nanos) {
      this.hostMonotonicNanos = nanos;
      return this;
    }

    public Builder wallClock(Instant wallClock) {
      this.wallClock = wallClock;
      return this;
    }

    public Builder headers(List<BufferHeader> headers) {
      this.headers = headers;
      return this;
    }

    public Builder integrity(FrameIntegrity integrity) {
      this.integrity = integrity;
      return this;
    }

    /** The frame; the wall clock defaults to now. */
    public Frame build() {
      if (wallClock == null) {
        wallClock = Instant.now();
      }
      return new Frame(this);
    }
  }
}
