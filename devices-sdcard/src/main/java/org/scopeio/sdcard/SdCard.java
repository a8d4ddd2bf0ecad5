package org.scopeio.sdcard;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.DeviceException;
import org.scopeio.api.FormatException;
import org.scopeio.api.Frame;
import org.scopeio.format.SdLayout;

/**
 * A wire-free miniscope SD card, or an image of one, opened read-only (docs/formats.md §3).
 *
 * <p>{@link #open} reads the header and config sectors and scans every buffer header once (no pixel
 * data) to build an index of frames, so {@link #frameCount()} is exact and {@link #readFrame(long)}
 * reads any frame directly. The scan stops at a zero or implausible header length, at the end of
 * the file, after {@code n_buffers_recorded + n_buffers_dropped} buffers, or at a corrupt header,
 * and {@link #info()} says which. Frames are {@code height} rows of {@code width} columns. Memory
 * use is the index (20 bytes per frame) plus one buffer, whatever the size of the card. Works on
 * image files of any size and on block devices ({@code /dev/sdX}, {@code /dev/mmcblkN}, {@code
 * \\.\PhysicalDriveN}).
 *
 * <p>The work is shared out: {@code CardBytes} reads and maps the file, {@code CardScanner} scans
 * the headers into a {@code FrameIndex}, {@code CardFrameReader} reads frames; this class opens the
 * card, reads its header and config sectors, and answers for them.
 *
 * <p>Not thread-safe; one reader at a time.
 */
public final class SdCard implements Closeable {
  /** Largest plausible frame: 8192 x 8192 pixels. */
  static final long MAX_FRAME_PIXELS = 8192L * 8192L;

  /** Most words a buffer header may have. */
  static final int MAX_HEADER_WORDS = 128;

  private final Path path;
  private final String source;
  private final CardBytes bytes;
  private final SdLayout layout;
  private final String layoutId;
  private final BufferHeaderFormat format;
  private final SdRecordingConfig config;
  private final Map<String, Long> settings;
  private final boolean writeKeysValid;
  private final int width;
  private final int height;
  private final CardScanner scanner;
  private final CardFrameReader frames;
  private boolean closed;

  /** How the bytes of a card are read. */
  enum Access {
    /** Memory-mapped windows for regular files, positional reads for devices. */
    AUTO,
    /** Positional reads only (how block devices are always read). */
    POSITIONAL_READS
  }

  private SdCard(
      Path path, FileChannel channel, long size, SdLayout layout, String layoutId, Access access) {
    this.path = path;
    this.source = path.toString();
    this.bytes = new CardBytes(path, channel, size, access == Access.AUTO);
    this.layout = layout;
    this.layoutId = layoutId;
    this.format = layout.bufferFormat(layoutId);
    long[] header = readSectorWords(layout.sectors().headerPos(), "header");
    long[] configWords = readSectorWords(layout.sectors().configPos(), "config");
    this.writeKeysValid = keysAt(header, layout);
    if (!writeKeysValid) {
      checkLegacy();
    }
    this.settings = settings(header, layout);
    SdLayout.ConfigPositions c = layout.config();
    this.config =
        new SdRecordingConfig(
            configWords[c.width()],
            configWords[c.height()],
            configWords[c.fs()],
            configWords[c.bufferSize()],
            configWords[c.nBuffersRecorded()],
            configWords[c.nBuffersDropped()]);
    long configPos = layout.sectors().configPos();
    requirePlausible(config.width(), "width", configPos + 4L * c.width());
    requirePlausible(config.height(), "height", configPos + 4L * c.height());
    if (config.width() * config.height() > MAX_FRAME_PIXELS) {
      throw new FormatException(
          source,
          configPos,
          "config sector says "
              + config.width()
              + "x"
              + config.height()
              + " pixels; expected at most "
              + MAX_FRAME_PIXELS
              + " pixels per frame");
    }
    this.width = (int) config.width();
    this.height = (int) config.height();
    this.scanner = new CardScanner(bytes, source, layout, layoutId, format, config, width, height);
    this.frames = new CardFrameReader(bytes, scanner, source, layout, format, width, height);
  }

  /**
   * Opens {@code path} (an image file or a block device) with {@code layout} and scans it.
   *
   * @param layoutId the layout's config id, for messages and the header format name
   * @throws FormatException if the card cannot be read with this layout; when the write keys sit at
   *     the legacy header sector instead, the message says so and names {@code
   *     wirefree-sd-layout-legacy}
   * @throws DeviceException if the file cannot be opened (missing, permission denied)
   */
  public static SdCard open(Path path, SdLayout layout, String layoutId) {
    return open(path, layout, layoutId, Access.AUTO);
  }

  /**
   * What a scan of the card's headers finds ({@code scopeio sdcard info}), without keeping it open.
   * The headers are read with positional reads: when no frame will be read, one system call per
   * header costs less than the page fault (with its fault-around) of touching it in a mapping,
   * whose pages only pay off when the frames are read next (11477 headers of a 740 MB card: 34
   * against 73-187 ms).
   *
   * @throws FormatException if the card cannot be read with this layout (as {@link #open})
   * @throws DeviceException if the file cannot be opened
   */
  public static SdCardInfo scan(Path path, SdLayout layout, String layoutId) {
    try (SdCard card = open(path, layout, layoutId, Access.POSITIONAL_READS)) {
      return card.info();
    }
  }

  static SdCard open(Path path, SdLayout layout, String layoutId, Access access) {
    requireCardLike(path, layout);
    FileChannel ch;
    try {
      ch = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new DeviceException(path + ": no such SD card image or device", e);
    } catch (AccessDeniedException e) {
      throw new DeviceException(
          path
              + ": permission denied; for a card reader add yourself to the 'disk' group (or use"
              + " sudo), or copy the card first with 'dd if="
              + path
              + " of=card.img bs=1M'",
          e);
    } catch (IOException e) {
      throw new DeviceException(path + ": cannot open: " + e.getMessage(), e);
    }
    try {
      long size = ch.size();
      // block devices report size 0 through FileChannel: read until the reads come back short
      long knownSize = size > 0 || Files.isRegularFile(path) ? size : Long.MAX_VALUE;
      SdCard card = new SdCard(path, ch, knownSize, layout, layoutId, access);
      card.scanner.scan();
      return card;
    } catch (IOException e) {
      closeQuietly(ch);
      throw new DeviceException(path + ": cannot read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  /**
   * Fails with a message a person can act on when {@code path} cannot be a card: a directory, a
   * pipe, a character device, or a file too short to hold the sectors before the data.
   */
  private static void requireCardLike(Path path, SdLayout layout) {
    if (Files.isDirectory(path)) {
      throw new DeviceException(
          path + ": is a directory; expected an SD card image file or a card reader device");
    }
    if (!Files.exists(path)) {
      return; // open says so
    }
    if (Files.isRegularFile(path)) {
      long size;
      try {
        size = Files.size(path);
      } catch (IOException e) {
        return; // open says so
      }
      long needed = layout.sectors().dataPos();
      if (size < needed) {
        throw new FormatException(
            path.toString(),
            size,
            (size == 0 ? "the file is empty" : "the file has only " + size + " bytes")
                + "; an SD card image holds at least "
                + needed
                + " bytes (the header sector at byte "
                + layout.sectors().headerPos()
                + ", the config sector, then the data)");
      }
      return;
    }
    String kind = specialKind(path);
    if (kind != null) {
      throw new DeviceException(
          path
              + ": is "
              + kind
              + "; expected an SD card image file or a card reader (a block device such as"
              + " /dev/sdX or /dev/mmcblkN)");
    }
  }

  /** What a non-regular file is when it cannot be a card ({@code null} for a block device). */
  private static String specialKind(Path path) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      return switch (mode & 0170000) {
        case 0060000 -> null; // block device
        case 0020000 -> "a character device";
        case 0010000 -> "a pipe (FIFO)";
        case 0140000 -> "a socket";
        default -> null;
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null; // no unix attributes (Windows drives): let the reads decide
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // already failing
    }
  }

  private void checkLegacy() {
    long legacyPos = SdLayout.Sectors.LEGACY.headerPos();
    if (legacyPos == layout.sectors().headerPos()) {
      return;
    }
    long[] legacy = readSectorWords(legacyPos, "legacy header");
    if (keysAt(legacy, layout)) {
      throw new FormatException(
          source,
          layout.sectors().headerPos(),
          "no write keys in the header sector "
              + layout.sectors().header()
              + " of layout '"
              + layoutId
              + "', but they are at sector "
              + SdLayout.Sectors.LEGACY.header()
              + ": this card uses the legacy layout (sectors 1023/1024/1025); use --layout"
              + " wirefree-sd-layout-legacy");
    }
  }

  private static boolean keysAt(long[] header, SdLayout layout) {
    long[] keys = layout.writeKeys();
    for (int i = 0; i < 4; i++) {
      if (header[i] != keys[i]) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Long> settings(long[] header, SdLayout layout) {
    Map<String, Long> m = new LinkedHashMap<>();
    layout.header().asMap().forEach((name, word) -> m.put(name, header[word]));
    return Collections.unmodifiableMap(m);
  }

  private void requirePlausible(long value, String name, long offset) {
    if (value < 1 || value > 8192) {
      throw new FormatException(
          source,
          offset,
          "config sector field '" + name + "' is " + value + "; expected 1 to 8192 pixels");
    }
  }

  private long[] readSectorWords(long pos, String what) {
    ByteBuffer b = ByteBuffer.allocate(SdLayout.SECTOR_WORDS * 4).order(ByteOrder.LITTLE_ENDIAN);
    int n = bytes.read(b, pos);
    if (n < b.capacity()) {
      throw new FormatException(
          source,
          pos,
          "the "
              + what
              + " sector is missing: the file ends at "
              + (pos + Math.max(0, n))
              + " bytes; an SD card image holds at least "
              + (layout.sectors().dataPos())
              + " bytes before its data");
    }
    long[] w = new long[SdLayout.SECTOR_WORDS];
    for (int i = 0; i < w.length; i++) {
      w[i] = Integer.toUnsignedLong(b.getInt(i * 4));
    }
    return w;
  }

  /** What the scan found. */
  public SdCardInfo info() {
    return scanner.info(writeKeysValid, settings);
  }

  /** Complete frames on the card. */
  public long frameCount() {
    return scanner.index().size();
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public SdRecordingConfig config() {
    return config;
  }

  public BufferHeaderFormat bufferFormat() {
    return format;
  }

  /** The error of a corrupt header that ended the data, if that is why they end. */
  public Optional<FormatException> corruption() {
    return scanner.corruption();
  }

  /** Byte offset of frame {@code k}'s first buffer header. */
  public long frameOffset(long k) {
    checkIndex(k);
    return scanner.index().start(k);
  }

  /** Byte offset just after frame {@code k}'s last buffer (sector slack included). */
  public long frameEnd(long k) {
    checkIndex(k);
    return scanner.index().end(k);
  }

  /** Buffers of frame {@code k}. */
  public int frameBuffers(long k) {
    checkIndex(k);
    return scanner.index().buffers(k);
  }

  private void checkIndex(long k) {
    if (k < 0 || k >= scanner.index().size()) {
      throw new IndexOutOfBoundsException(
          source
              + ": frame "
              + k
              + " does not exist; the card holds frames 0 to "
              + (scanner.index().size() - 1));
    }
  }

  /**
   * Reads frame {@code k} (random access): its pixels, every buffer header, and its integrity. Each
   * buffer's pixels go to {@code frame_buffer_count} times the data length of a full buffer, so a
   * buffer the recorder dropped leaves zeros where it was (counted as missing, its pixels as
   * padded) and the buffers after it keep their rows (docs/formats.md §3.6). Bytes that fall beyond
   * the frame, or into a slot already filled, are discarded and counted as excess.
   */
  public Frame readFrame(long k) {
    if (closed) {
      throw new IllegalStateException(source + " is closed");
    }
    checkIndex(k);
    try {
      return frames.read(k);
    } catch (InternalError e) {
      throw bytes.changedWhileRead(e);
    }
  }

  /**
   * Copies the card prefix holding exactly frames {@code 0..frames-1} (header and config sectors
   * included) to {@code out}: a small image that reads back to exactly those frames. {@code frames}
   * may be 0 (only the header and config sectors).
   *
   * @param progress receives the bytes copied so far
   * @return bytes written
   */
  public long truncate(Path out, long frames, boolean overwrite, LongConsumer progress) {
    if (frames < 0 || frames > scanner.index().size()) {
      throw new IllegalArgumentException(
          "cannot keep " + frames + " frames: the card holds " + scanner.index().size());
    }
    org.scopeio.core.OutputFiles.prepare(
        out,
        overwrite
            ? org.scopeio.api.OverwritePolicy.OVERWRITE
            : org.scopeio.api.OverwritePolicy.FAIL_IF_EXISTS,
        java.util.Set.of(path));
    long end = frames == 0 ? layout.sectors().dataPos() : scanner.index().end(frames - 1);
    try (FileChannel dst =
        FileChannel.open(
            out,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      long copied = 0;
      while (copied < end) {
        long n = bytes.channel().transferTo(copied, Math.min(1 << 24, end - copied), dst);
        if (n <= 0) {
          throw new FormatException(source, copied, "the card ended while copying");
        }
        copied += n;
        progress.accept(copied);
      }
      return copied;
    } catch (IOException e) {
      throw new org.scopeio.api.WriteException(
          out, org.scopeio.api.WriteException.NO_FRAME, "cannot write", e);
    }
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      bytes.close();
    }
  }
}
