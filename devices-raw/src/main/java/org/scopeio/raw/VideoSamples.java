package org.scopeio.raw;

import java.nio.ByteBuffer;

/**
 * Samples of a range of frames in (time, rows, columns[, planes], channels) order, whatever the
 * file's axis order, in the file's data type and byte order. When the file already has this order
 * the data are the file's own mapped bytes, not a copy.
 */
public final class VideoSamples {
  private final ByteBuffer data;
  private final RawDtype dtype;
  private final int frames;
  private final int rows;
  private final int columns;
  private final int planes;
  private final int channels;
  private final int bytes;
  private final boolean planeAxis;

  VideoSamples(
      ByteBuffer data,
      RawDtype dtype,
      int frames,
      int rows,
      int columns,
      int planes,
      int channels,
      boolean planeAxis) {
    this.planeAxis = planeAxis;
    this.data = data.order(dtype.order());
    this.dtype = dtype;
    this.frames = frames;
    this.rows = rows;
    this.columns = columns;
    this.planes = planes;
    this.channels = channels;
    this.bytes = dtype.type().bytes();
  }

  /** The data type of the samples. */
  public RawDtype dtype() {
    return dtype;
  }

  /** Frames in this range. */
  public int frames() {
    return frames;
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  /** Planes per frame (1 for files without planes). */
  public int planes() {
    return planes;
  }

  public int channels() {
    return channels;
  }

  /** The shape: (frames, rows, columns, channels), or (frames, rows, columns, planes, channels). */
  public long[] shape() {
    return planeAxis
        ? new long[] {frames, rows, columns, planes, channels}
        : new long[] {frames, rows, columns, channels};
  }

  /** The samples' bytes, read-only, in (time, rows, columns[, planes], channels) order. */
  public ByteBuffer data() {
    return data.asReadOnlyBuffer().order(dtype.order());
  }

  /** Byte index in {@link #data()} of one sample. */
  public int byteIndex(int frame, int row, int column, int plane, int channel) {
    long i =
        ((((long) frame * rows + row) * columns + column) * planes + plane) * channels + channel;
    return Math.toIntExact(i * bytes);
  }

  /**
   * One sample as a double (exact for every type but 64-bit floats beyond 2^53, which have none).
   */
  public double get(int frame, int row, int column, int channel) {
    return dtype.type().read(data, byteIndex(frame, row, column, 0, channel));
  }

  /** One sample of a file with planes, as a double. */
  public double get(int frame, int row, int column, int plane, int channel) {
    return dtype.type().read(data, byteIndex(frame, row, column, plane, channel));
  }
}
