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

  /** Sum of all pixel values (for mean brightness), in one pass without copying. */
  public long pixelSum() {
    long sum = 0;
    if (pixels8 != null) {
      for (byte b : pixels8) {
        sum += b & 0xFF;
      }
    } else {
      for (short v : pixels16) {
        sum += v & 0xFFFF;
      }
    }
    return sum;
  }

  /** The largest pixel value, in one pass without copying. */
  public int pixelMax() {
    int max = 0;
    if (pixels8 != null) {
      for (byte b : pixels8) {
        max = Math.max(max, b & 0xFF);
      }
    } else {
      for (short v : pixels16) {
        max = Math.max(max, v & 0xFFFF);
      }
    }
    return max;
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
