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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.DeviceException;
import org.scopeio.api.FormatException;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameIntegrity;
import org.scopeio.api.PixelType;
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
 * <p>Not thread-safe; one reader at a time.
 */
public final class SdCard implements Closeable {
  /** Largest plausible frame: 8192 x 8192 pixels. */
  static final long MAX_FRAME_PIXELS = 8192L * 8192L;

  private static final int MAX_HEADER_WORDS = 128;

  /** Frames spanning up to this many bytes are read with one call. */
  private static final long MAX_FRAME_WINDOW = 16L << 20;

  /**
   * Regular files are read through memory-mapped windows starting every {@code MAP_STEP} bytes and
   * reaching {@code MAP_OVERLAP} bytes into the next, so that any header or frame window lies
   * inside one mapping. Mappings are kept while the card is open, so the pages the scan touched
   * serve the frame reads too.
   */
  private static final long MAP_STEP = 1L << 30;

  private static final long MAP_OVERLAP = 32L << 20;

  private final Path path;
  private final String source;
  private final FileChannel channel;
  private final long size;
  private final SdLayout layout;
  private final String layoutId;
  private final BufferHeaderFormat format;
  private final int dataLengthIndex;
  private final int frameNumIndex;
  private final int frameBufferCountIndex;
  private final int bufferCountIndex;
  private final ByteBuffer headBuffer =
      ByteBuffer.allocate(MAX_HEADER_WORDS * 4).order(ByteOrder.LITTLE_ENDIAN);
  private final SdRecordingConfig config;
  private final Map<String, Long> settings;
  private final boolean writeKeysValid;
  private final int width;
  private final int height;

  /** One buffer of the largest size, for frames read buffer by buffer; made when first needed. */
  private ByteBuffer buffer;

  private final int[] words = new int[MAX_HEADER_WORDS];
  private final FrameIndex index = new FrameIndex();
  private SdEndReason endReason;
  private long endOffset;
  private String endDetail;
  private FormatException corruption;
  private String incompleteFrame;
  private long buffersScanned;
  private long framesWithMissingData;
  private long largestFrameSpan;

  /** Pixel bytes of a full buffer of this recording: the largest {@code data_length} scanned. */
  private long fullDataLength;

  private ByteBuffer frameWindow;
  private final boolean mappable;
  private ByteBuffer[] mappings;

  /** Set by {@link #locate}: the buffer holding the bytes asked for, and their index in it. */
  private ByteBuffer located;

  private int locatedAt;
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
    this.channel = channel;
    this.size = size;
    this.mappable = access == Access.AUTO && size != Long.MAX_VALUE && Files.isRegularFile(path);
    this.layout = layout;
    this.layoutId = layoutId;
    this.format = layout.bufferFormat(layoutId);
    this.dataLengthIndex = layout.buffer().get("data_length");
    this.frameNumIndex = layout.buffer().get("frame_num");
    this.frameBufferCountIndex = layout.buffer().get("frame_buffer_count");
    Integer bc = layout.buffer().get("buffer_count");
    this.bufferCountIndex = bc == null ? -1 : bc;
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
      card.scan();
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
    int n = read(b, pos);
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

  /** Reads up to {@code b.capacity()} bytes at {@code pos}; returns the count (short at EOF). */
  private int read(ByteBuffer b, long pos) {
    b.clear();
    return read(b, pos, b.capacity());
  }

  /** Reads up to {@code length} bytes at {@code pos} into {@code b} from 0; flips it. */
  private int read(ByteBuffer b, long pos, int length) {
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
   * #located} at index {@link #locatedAt}, from a memory-mapped window of a regular file or, for
   * block devices, by reading them into {@code fallback}. Returns how many bytes are available.
   */
  private int locate(long pos, int len, ByteBuffer fallback) {
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

  private void scan() {
    try {
      scanHeaders();
    } catch (InternalError e) {
      throw changedWhileRead(e);
    }
  }

  /**
   * The error for a mapped file that another program shortened while it was read (the JVM reports
   * the touched page as an {@link InternalError}).
   */
  private FormatException changedWhileRead(InternalError e) {
    long now;
    try {
      now = channel.size();
    } catch (IOException x) {
      now = -1;
    }
    FormatException f =
        new FormatException(
            source,
            Math.min(size, Math.max(0, now)),
            "the file changed while it was being read: it had "
                + size
                + " bytes and now has "
                + now
                + "; another program is writing or truncating it (copy the card image first)");
    f.initCause(e);
    return f;
  }

  /** Buffers a resynchronisation with unknown buffer counts searches past a bad header. */
  private static final int RESYNC_BUFFERS = 64;

  private void scanHeaders() {
    long limit = config.buffersRecorded() + config.buffersDropped();
    long framePixels = (long) width * height;
    long pos = layout.sectors().dataPos();
    long curStart = -1;
    int curBuffers = 0;
    long curPixels = 0;
    long curFrameNum = -1;
    long curMaxFbc = -1;
    while (true) {
      if (limit > 0 && buffersScanned >= limit) {
        end(
            SdEndReason.BUFFER_LIMIT,
            pos,
            "read all " + limit + " buffers the config sector lists");
        break;
      }
      Head hd = headAt(pos);
      if (hd.problem != null) {
        if (hd.end == SdEndReason.END_OF_FILE) {
          end(SdEndReason.END_OF_FILE, pos, hd.problem);
          break;
        }
        boolean moreListed = limit > 0 && buffersScanned < limit;
        boolean erased = hd.end == SdEndReason.ZERO_LENGTH && !moreListed;
        long next = -1;
        if (!erased && hd.end != SdEndReason.TRUNCATED) {
          long searchEnd =
              moreListed || size == Long.MAX_VALUE
                  ? size
                  : pos + RESYNC_BUFFERS * Math.max(SectorMath.SECTOR, largestBufferSpan);
          next = resync(pos + SectorMath.SECTOR, searchEnd);
        }
        if (next >= 0) {
          skipped.add(new SdCardInfo.Skipped(pos, next, hd.problem));
          pos = next;
          continue;
        }
        if (moreListed && hd.end != SdEndReason.ZERO_LENGTH && hd.end != SdEndReason.TRUNCATED) {
          corruption =
              new FormatException(
                  source,
                  hd.offset,
                  hd.problem
                      + "; no valid buffer header follows, so "
                      + (limit - buffersScanned)
                      + " of the "
                      + limit
                      + " buffers the config sector lists are not read (frames after the "
                      + (index.size() + (curStart >= 0 ? 1 : 0))
                      + " read so far)");
          end(SdEndReason.CORRUPT_HEADER, pos, corruption.getMessage());
        } else if (hd.end == SdEndReason.CORRUPT_HEADER) {
          corruption = new FormatException(source, hd.offset, hd.problem);
          end(SdEndReason.CORRUPT_HEADER, pos, corruption.getMessage());
        } else {
          end(
              hd.end,
              pos,
              hd.problem
                  + (moreListed
                      ? "; the config sector lists "
                          + limit
                          + " buffers, "
                          + buffersScanned
                          + " were read"
                      : ""));
        }
        break;
      }
      if (curStart >= 0 && (hd.fbc == 0 || hd.frameNum != curFrameNum)) {
        closeFrame(curStart, lastBufferEnd, curBuffers, curPixels, framePixels);
        curStart = -1;
      }
      if (curStart < 0) {
        curStart = pos;
        curBuffers = 0;
        curPixels = 0;
        curFrameNum = hd.frameNum;
        curMaxFbc = -1;
      }
      curMaxFbc = Math.max(curMaxFbc, hd.fbc);
      fullDataLength = Math.max(fullDataLength, hd.dataLength);
      cardHeaderWords = hd.words;
      lastBufferCount = hd.bufferCount;
      lastFrameNum = hd.frameNum;
      long span = SectorMath.span(hd.dataLength, hd.words);
      largestBufferSpan = Math.max(largestBufferSpan, span);
      curBuffers++;
      curPixels += hd.dataLength;
      pos += span;
      lastBufferEnd = pos;
      buffersScanned++;
    }
    if (curStart >= 0) {
      // short of pixels with a gap in the buffer numbering: a dropped buffer, keep the frame;
      // short with contiguous numbering: the recording stopped inside the frame
      boolean droppedInside = curMaxFbc + 1 > curBuffers;
      if (curPixels >= framePixels || droppedInside || !skipped.isEmpty()) {
        closeFrame(curStart, lastBufferEnd, curBuffers, curPixels, framePixels);
      } else {
        incompleteFrame =
            "the last frame (frame_num "
                + curFrameNum
                + ", starting at byte offset "
                + curStart
                + ") has "
                + curPixels
                + " of "
                + framePixels
                + " pixels in "
                + curBuffers
                + " buffers; it is not returned";
      }
    }
  }

  /** The first sector boundary from {@code from} before {@code until} with a good header. */
  private long nextGoodHeader(long from, long until) {
    for (long q = from; q < until; q += SectorMath.SECTOR) {
      if (headAt(q).problem == null) {
        return q;
      }
    }
    return -1;
  }

  /** Header words of this card's buffers (from the last good one), or -1 before the first. */
  private int cardHeaderWords = -1;

  private long lastBufferCount = -1;

  /** Where the last good buffer ended. */
  private long lastBufferEnd;

  private long lastFrameNum = -1;
  private long largestBufferSpan;
  private final List<SdCardInfo.Skipped> skipped = new ArrayList<>();

  /**
   * A buffer header read at {@code pos}: its fields, or why it cannot be one ({@code problem}, the
   * byte {@code offset} at fault and the {@code end} it would be if it ends the data).
   */
  private static final class Head {
    String problem;
    SdEndReason end;
    long offset;
    int words;
    long dataLength;
    long frameNum;
    long fbc;
    long bufferCount = -1;
  }

  private Head headAt(long pos) {
    Head hd = new Head();
    hd.offset = pos;
    ByteBuffer head = headBuffer;
    int n = locate(pos, head.capacity(), head);
    ByteBuffer h = located;
    int at = locatedAt;
    long framePixels = (long) width * height;
    if (n == 0) {
      return bad(hd, SdEndReason.END_OF_FILE, pos, "the file ends at byte " + pos);
    }
    if (n < 4) {
      return bad(
          hd,
          SdEndReason.TRUNCATED,
          pos,
          "the file ends inside a buffer header at byte " + (pos + n));
    }
    long headerWords = Integer.toUnsignedLong(h.getInt(at));
    if (headerWords == 0) {
      return bad(hd, SdEndReason.ZERO_LENGTH, pos, "header length word is 0 at byte offset " + pos);
    }
    if (headerWords < format.wordsNeeded() || headerWords > MAX_HEADER_WORDS) {
      return bad(
          hd,
          SdEndReason.IMPLAUSIBLE_LENGTH,
          pos,
          "header length word is "
              + headerWords
              + " at byte offset "
              + pos
              + "; layout '"
              + layoutId
              + "' needs "
              + format.wordsNeeded()
              + " to "
              + MAX_HEADER_WORDS);
    }
    int l = (int) headerWords;
    if (n < 4 * l) {
      return bad(
          hd,
          SdEndReason.TRUNCATED,
          pos,
          "the file ends inside a buffer header at byte " + (pos + n));
    }
    long dataLength = Integer.toUnsignedLong(h.getInt(at + 4 * dataLengthIndex));
    if (dataLength == 0 || dataLength > framePixels) {
      return bad(
          hd,
          SdEndReason.CORRUPT_HEADER,
          pos + 4L * dataLengthIndex,
          "buffer header data_length is "
              + dataLength
              + " at byte offset "
              + pos
              + "; expected 1 to "
              + framePixels
              + " (one "
              + width
              + "x"
              + height
              + " frame)");
    }
    if (size != Long.MAX_VALUE && pos + 4L * l + dataLength > size) {
      return bad(
          hd,
          SdEndReason.TRUNCATED,
          pos,
          "the buffer at byte offset "
              + pos
              + " needs "
              + (4L * l + dataLength)
              + " bytes but the file ends at "
              + size);
    }
    hd.words = l;
    hd.dataLength = dataLength;
    hd.frameNum = Integer.toUnsignedLong(h.getInt(at + 4 * frameNumIndex));
    hd.fbc = Integer.toUnsignedLong(h.getInt(at + 4 * frameBufferCountIndex));
    if (bufferCountIndex >= 0 && bufferCountIndex < l) {
      hd.bufferCount = Integer.toUnsignedLong(h.getInt(at + 4 * bufferCountIndex));
    }
    return hd;
  }

  private static Head bad(Head hd, SdEndReason end, long offset, String problem) {
    hd.end = end;
    hd.offset = offset;
    hd.problem = problem;
    return hd;
  }

  /**
   * The next sector boundary from {@code from} (before {@code until}) where a buffer header of this
   * card follows on from the last good one: the same header length, a data length no longer than a
   * full buffer's, a later {@code buffer_count} and no earlier {@code frame_num}, and a good header
   * after it too (or the end of the data). {@code -1} if there is none.
   */
  private long resync(long from, long until) {
    long max = fullDataLength > 0 ? fullDataLength : (long) width * height;
    for (long q = from; q < until; q += SectorMath.SECTOR) {
      Head c = headAt(q);
      if (c.problem != null) {
        if (c.end == SdEndReason.END_OF_FILE) {
          return -1;
        }
        continue;
      }
      boolean fits =
          (cardHeaderWords < 0 || c.words == cardHeaderWords)
              && c.dataLength <= max
              && (c.bufferCount < 0 || c.bufferCount > lastBufferCount)
              && c.frameNum >= lastFrameNum;
      if (!fits) {
        continue;
      }
      Head after = headAt(q + SectorMath.span(c.dataLength, c.words));
      if (after.problem == null
          ? after.words == c.words && after.frameNum >= c.frameNum
          : after.end == SdEndReason.END_OF_FILE || after.end == SdEndReason.ZERO_LENGTH) {
        return q;
      }
    }
    return -1;
  }

  private void closeFrame(long start, long end, int buffers, long pixels, long framePixels) {
    index.add(start, end, buffers);
    largestFrameSpan = Math.max(largestFrameSpan, end - start);
    if (pixels < framePixels) {
      framesWithMissingData++;
    }
  }

  private void end(SdEndReason reason, long offset, String detail) {
    endReason = reason;
    endOffset = offset;
    endDetail = detail;
  }

  /** What the scan found. */
  public SdCardInfo info() {
    return new SdCardInfo(
        source,
        layoutId,
        writeKeysValid,
        settings,
        config,
        index.size(),
        buffersScanned,
        endReason,
        endOffset,
        endDetail,
        Optional.ofNullable(incompleteFrame),
        framesWithMissingData,
        List.copyOf(skipped));
  }

  /** Complete frames on the card. */
  public long frameCount() {
    return index.size();
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
    return Optional.ofNullable(corruption);
  }

  /** Byte offset of frame {@code k}'s first buffer header. */
  public long frameOffset(long k) {
    checkIndex(k);
    return index.start(k);
  }

  /** Byte offset just after frame {@code k}'s last buffer (sector slack included). */
  public long frameEnd(long k) {
    checkIndex(k);
    return index.end(k);
  }

  /** Buffers of frame {@code k}. */
  public int frameBuffers(long k) {
    checkIndex(k);
    return index.buffers(k);
  }

  private void checkIndex(long k) {
    if (k < 0 || k >= index.size()) {
      throw new IndexOutOfBoundsException(
          source
              + ": frame "
              + k
              + " does not exist; the card holds frames 0 to "
              + (index.size() - 1));
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
      return frameAt(k);
    } catch (InternalError e) {
      throw changedWhileRead(e);
    }
  }

  private Frame frameAt(long k) {
    long pos = index.start(k);
    int buffers = index.buffers(k);
    int framePixels = width * height;
    long full = Math.max(1, fullDataLength);
    int slots = (int) ((framePixels + full - 1) / full);
    boolean[] filled = new boolean[slots];
    byte[] pixels = new byte[framePixels];
    List<BufferHeader> headers = new ArrayList<>(buffers);
    long covered = 0;
    long excess = 0;
    // common case: the whole frame in one read into a direct buffer; else one read per buffer
    long frameSpan = index.end(k) - pos;
    ByteBuffer window = null;
    long windowStart = pos;
    int windowBytes = 0;
    if (frameSpan <= MAX_FRAME_WINDOW) {
      if (!mappable && (frameWindow == null || frameWindow.capacity() < frameSpan)) {
        frameWindow =
            ByteBuffer.allocateDirect(
                    (int) Math.max(frameSpan, Math.min(largestFrameSpan, MAX_FRAME_WINDOW)))
                .order(ByteOrder.LITTLE_ENDIAN);
      }
      windowBytes = locate(pos, (int) frameSpan, frameWindow);
      window = located;
      windowStart = pos - locatedAt;
      windowBytes += locatedAt;
    }
    for (int b = 0; b < buffers; b++) {
      ByteBuffer src;
      int rel;
      int n;
      if (window != null) {
        src = window;
        rel = (int) (pos - windowStart);
        n = windowBytes - rel;
      } else {
        if (buffer == null) {
          buffer =
              ByteBuffer.allocate(
                      Math.toIntExact(SectorMath.span((long) width * height, MAX_HEADER_WORDS)))
                  .order(ByteOrder.LITTLE_ENDIAN);
        }
        src = buffer;
        rel = 0;
        n = read(buffer, pos);
      }
      int l = n >= 4 ? src.getInt(rel) : 0;
      boolean good = n >= 4 && l >= format.wordsNeeded() && l <= MAX_HEADER_WORDS && n >= 4 * l;
      long length = good ? Integer.toUnsignedLong(src.getInt(rel + 4 * dataLengthIndex)) : 0;
      if (!good || length == 0 || length > framePixels) {
        // a corrupt buffer the scan stepped over: step over it the same way
        long next = nextGoodHeader(pos + SectorMath.SECTOR, index.end(k));
        if (next < 0) {
          throw new FormatException(
              source, pos, "buffer header changed since the card was scanned");
        }
        pos = next;
        b--;
        continue;
      }
      for (int w = 0; w < l; w++) {
        words[w] = src.getInt(rel + 4 * w);
      }
      BufferHeader h = format.decodeUnchecked(words, 0, l);
      headers.add(h);
      long dataLength = Integer.toUnsignedLong(words[dataLengthIndex]);
      long slot = Integer.toUnsignedLong(words[frameBufferCountIndex]);
      int available = (int) Math.min(dataLength, Math.max(0, n - 4L * l));
      if (slot < slots && !filled[(int) slot]) {
        filled[(int) slot] = true;
        int at = (int) (slot * full);
        int copy = (int) Math.min(available, framePixels - at);
        src.get(rel + 4 * l, pixels, at, copy);
        covered += copy;
        excess += available - copy;
      } else {
        excess += available;
      }
      pos += SectorMath.span(dataLength, l);
    }
    int missingBuffers = 0;
    for (boolean f : filled) {
      missingBuffers += f ? 0 : 1;
    }
    BufferHeader first = headers.get(0);
    return Frame.builder(width, height, PixelType.UINT8)
        .index(k)
        .adoptPixels(pixels)
        .deviceFrameNumber(first.frameNum())
        .deviceTimestampMillis(first.timestamp())
        .hostMonotonicNanos(System.nanoTime())
        .wallClock(Instant.now())
        .headers(headers)
        .integrity(new FrameIntegrity(missingBuffers, framePixels - covered, excess, 0, 0))
        .build();
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
    if (frames < 0 || frames > index.size()) {
      throw new IllegalArgumentException(
          "cannot keep " + frames + " frames: the card holds " + index.size());
    }
    org.scopeio.core.OutputFiles.prepare(
        out,
        overwrite
            ? org.scopeio.api.OverwritePolicy.OVERWRITE
            : org.scopeio.api.OverwritePolicy.FAIL_IF_EXISTS,
        java.util.Set.of(path));
    long end = frames == 0 ? layout.sectors().dataPos() : index.end(frames - 1);
    try (FileChannel dst =
        FileChannel.open(
            out,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      long copied = 0;
      while (copied < end) {
        long n = channel.transferTo(copied, Math.min(1 << 24, end - copied), dst);
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
      mappings = null; // unmapped by the garbage collector
      closeQuietly(channel);
    }
  }

  /** Frame offsets and buffer counts in growable primitive arrays. */
  private static final class FrameIndex {
    private long[] starts = new long[1024];
    private long[] ends = new long[1024];
    private int[] buffers = new int[1024];
    private int size;

    void add(long start, long end, int count) {
      if (size == starts.length) {
        int n = size * 2;
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
        buffers = Arrays.copyOf(buffers, n);
      }
      starts[size] = start;
      ends[size] = end;
      buffers[size] = count;
      size++;
    }

    long size() {
      return size;
    }

    long start(long k) {
      return starts[(int) k];
    }

    long end(long k) {
      return ends[(int) k];
    }

    int buffers(long k) {
      return buffers[(int) k];
    }
  }
}
