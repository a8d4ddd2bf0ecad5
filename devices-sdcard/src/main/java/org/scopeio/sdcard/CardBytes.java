package org.scopeio.sdcard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scopeio.api.DeviceException;
import org.scopeio.api.FormatException;

/**
 * The bytes of an open card: positional reads, and memory-mapped windows for regular files (kept
 * while the card is open, so that the pages the scan touched serve the frame reads too). A file
 * another program shortens under the mapping is reported as such ({@link #changedWhileRead}), not
 * as a JVM fault.
 */
final class CardBytes {
  /**
   * Regular files are read through memory-mapped windows starting every {@code MAP_STEP} bytes and
   * reaching {@code MAP_OVERLAP} bytes into the next, so that any header or frame window lies
   * inside one mapping.
   */
  private static final long MAP_STEP = 1L << 30;

  private static final long MAP_OVERLAP = 32L << 20;

  private final String source;
  private final FileChannel channel;
  private final long size;
  private final boolean mappable;
  private ByteBuffer[] mappings;

  /** Set by {@link #locate}: the buffer holding the bytes asked for, and their index in it. */
  private ByteBuffer located;

  private int locatedAt;

  /**
   * @param size the file's size, or {@link Long#MAX_VALUE} for a block device (read until the reads
   *     come back short)
   * @param mapped whether a regular file may be memory-mapped
   */
  CardBytes(Path path, FileChannel channel, long size, boolean mapped) {
    this.source = path.toString();
    this.channel = channel;
    this.size = size;
    this.mappable = mapped && size != Long.MAX_VALUE && Files.isRegularFile(path);
  }

  /** The file's size, or {@link Long#MAX_VALUE} when unknown (a block device). */
  long size() {
    return size;
  }

  /** Whether reads come from mappings (no copy buffer needed). */
  boolean mapped() {
    return mappable;
  }

  /** The channel, for copying a prefix of the card. */
  FileChannel channel() {
    return channel;
  }

  /** Reads up to {@code b.capacity()} bytes at {@code pos}; returns the count (short at EOF). */
  int read(ByteBuffer b, long pos) {
    b.clear();
    return read(b, pos, b.capacity());
  }

  /** Reads up to {@code length} bytes at {@code pos} into {@code b} from 0; flips it. */
  int read(ByteBuffer b, long pos, int length) {
    b.clear().limit(length);
    try {
      int total = 0;
      while (b.hasRemaining()) {
        int n = channel.read(b, pos + total);
        if (n < 0) {
          break;
        }
        total += n;
      }
      b.flip();
      return total;
    } catch (IOException e) {
      throw new DeviceException(
          source + ": read failed at byte offset " + pos + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes bytes {@code [pos, pos + len)} (fewer at the end of the file) available in {@link
   * #located()} at index {@link #locatedAt()}, from a memory-mapped window of a regular file or,
   * for block devices, by reading them into {@code fallback}. Returns how many bytes are available.
   */
  int locate(long pos, int len, ByteBuffer fallback) {
    if (mappable && pos < size && len <= MAP_OVERLAP) {
      int want = (int) Math.min(len, size - pos);
      int i = (int) (pos / MAP_STEP);
      if (mappings == null) {
        mappings = new ByteBuffer[(int) ((size + MAP_STEP - 1) / MAP_STEP)];
      }
      if (mappings[i] == null) {
        long start = i * MAP_STEP;
        long length = Math.min(MAP_STEP + MAP_OVERLAP, size - start);
        try {
          mappings[i] =
              channel
                  .map(FileChannel.MapMode.READ_ONLY, start, length)
                  .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
          throw new DeviceException(
              source + ": cannot map byte offset " + start + ": " + e.getMessage(), e);
        }
      }
      located = mappings[i];
      locatedAt = (int) (pos - i * MAP_STEP);
      return want;
    }
    located = fallback;
    locatedAt = 0;
    fallback.clear();
    return read(fallback, pos, Math.min(len, fallback.capacity()));
  }

  /** The buffer the last {@link #locate} found the bytes in. */
  ByteBuffer located() {
    return located;
  }

  /** Where in {@link #located()} the bytes start. */
  int locatedAt() {
    return locatedAt;
  }

  /**
   * The error for a mapped file that another program shortened while it was read (the JVM reports
   * the touched page as an {@link InternalError}).
   */
  FormatException changedWhileRead(InternalError e) {
    FormatException f = changed(currentSize());
    f.initCause(e);
    return f;
  }

  /**
   * Fails if a regular file no longer has the size it had when opened (another program shortened or
   * extended it while it was read with positional reads, which see such a change as an early end of
   * the data).
   */
  void requireUnchanged() {
    if (size == Long.MAX_VALUE) {
      return; // a block device: its size is what the reads find
    }
    long now = currentSize();
    if (now != size) {
      throw changed(now);
    }
  }

  private long currentSize() {
    try {
      return channel.size();
    } catch (IOException x) {
      return -1;
    }
  }

  private FormatException changed(long now) {
    return new FormatException(
        source,
        Math.min(size, Math.max(0, now)),
        "the file changed while it was being read: it had "
            + size
            + " bytes and now has "
            + now
            + "; another program is writing or truncating it (copy the card image first)");
  }

  /** Releases the mappings (unmapped by the garbage collector) and closes the channel. */
  void close() {
    mappings = null;
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing a read-only file: nothing was lost
    }
  }
}
