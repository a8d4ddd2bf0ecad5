package org.scopeio.raw.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Read-only memory-mapped access to a file of any size through windows of {@code 2^shift} bytes
 * (plus a small overlap, so that no sample straddles two windows), mapped when first touched. The
 * operating system pages the data in and out; the heap holds nothing of the file.
 */
public final class MappedWindows {
  /** Largest sample, and the windows' overlap. */
  private static final int OVERLAP = 8;

  private final FileChannel channel;
  private final long size;
  private final int shift;
  private final MappedByteBuffer[] windows;

  /**
   * @param channel a channel open for reading (the caller closes it)
   * @param size bytes of the file
   * @param shift log2 of the window size (30 for 1 GiB windows; at most 30)
   */
  public MappedWindows(FileChannel channel, long size, int shift) {
    if (shift < 4 || shift > 30) {
      throw new IllegalArgumentException("window shift must be 4 to 30, got " + shift);
    }
    this.channel = channel;
    this.size = size;
    this.shift = shift;
    this.windows = new MappedByteBuffer[Math.toIntExact(((size - 1) >> shift) + 1)];
  }

  private MappedByteBuffer window(int k) {
    MappedByteBuffer w = windows[k];
    if (w == null) {
      long start = (long) k << shift;
      long length = Math.min(size - start, (1L << shift) + OVERLAP);
      try {
        w = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      windows[k] = w;
    }
    return w;
  }

  /**
   * Copies the {@code bytes} (at most 8) bytes at {@code position} to {@code dst} at {@code at}.
   */
  public void copySample(long position, int bytes, ByteBuffer dst, int at) {
    int k = (int) (position >> shift);
    MappedByteBuffer w = window(k);
    int local = (int) (position - ((long) k << shift));
    for (int i = 0; i < bytes; i++) {
      dst.put(at + i, w.get(local + i));
    }
  }

  /**
   * The {@code length} bytes at {@code position} without copying them: a slice of a window, or a
   * mapping of its own when the range crosses windows.
   */
  public ByteBuffer slice(long position, int length) {
    int k = (int) (position >> shift);
    long local = position - ((long) k << shift);
    if (local + length <= window(k).capacity()) {
      return window(k).slice((int) local, length);
    }
    try {
      return channel.map(FileChannel.MapMode.READ_ONLY, position, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
