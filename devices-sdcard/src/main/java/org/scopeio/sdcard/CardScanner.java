package org.scopeio.sdcard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.FormatException;
import org.scopeio.format.SdLayout;

/**
 * Scans a card's buffer headers once, from the first data sector to the end of the data, into a
 * {@link FrameIndex}: frames are bounded by {@code frame_num} and {@code frame_buffer_count}; a
 * corrupt header is stepped over by resynchronising at the next sector whose header follows on
 * (docs/formats.md §3); the scan records why and where the data end.
 */
final class CardScanner {
  /** Buffers a resynchronisation with unknown buffer counts searches past a bad header. */
  private static final int RESYNC_BUFFERS = 64;

  private final CardBytes bytes;
  private final String source;
  private final String layoutId;
  private final SdLayout layout;
  private final BufferHeaderFormat format;
  private final SdRecordingConfig config;
  private final int width;
  private final int height;
  private final int dataLengthIndex;
  private final int frameNumIndex;
  private final int frameBufferCountIndex;
  private final int bufferCountIndex;

  /**
   * Where a header is read when the card is read with positional reads (no copy inside the JDK).
   */
  private final ByteBuffer headBuffer =
      ByteBuffer.allocateDirect(SdCard.MAX_HEADER_WORDS * 4).order(ByteOrder.LITTLE_ENDIAN);

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

  /** Header words of this card's buffers (from the last good one), or -1 before the first. */
  private int cardHeaderWords = -1;

  private long lastBufferCount = -1;

  /** Where the last good buffer ended. */
  private long lastBufferEnd;

  private long lastFrameNum = -1;
  private long largestBufferSpan;
  private final List<SdCardInfo.Skipped> skipped = new ArrayList<>();

  CardScanner(
      CardBytes bytes,
      String source,
      SdLayout layout,
      String layoutId,
      BufferHeaderFormat format,
      SdRecordingConfig config,
      int width,
      int height) {
    this.bytes = bytes;
    this.source = source;
    this.layout = layout;
    this.layoutId = layoutId;
    this.format = format;
    this.config = config;
    this.width = width;
    this.height = height;
    this.dataLengthIndex = layout.buffer().get("data_length");
    this.frameNumIndex = layout.buffer().get("frame_num");
    this.frameBufferCountIndex = layout.buffer().get("frame_buffer_count");
    Integer bc = layout.buffer().get("buffer_count");
    this.bufferCountIndex = bc == null ? -1 : bc;
  }

  /** Scans the whole card; a file shortened or grown under the scan is reported as such. */
  void scan() {
    try {
      scanHeaders();
    } catch (InternalError e) {
      throw bytes.changedWhileRead(e);
    }
    bytes.requireUnchanged();
  }

  FrameIndex index() {
    return index;
  }

  /** Pixel bytes of a full buffer: where buffer {@code frame_buffer_count} starts in a frame. */
  long fullDataLength() {
    return fullDataLength;
  }

  /** Bytes of the longest frame, header and slack included. */
  long largestFrameSpan() {
    return largestFrameSpan;
  }

  /** The error of a corrupt header that ended the data, if that is why they end. */
  Optional<FormatException> corruption() {
    return Optional.ofNullable(corruption);
  }

  long buffersScanned() {
    return buffersScanned;
  }

  /** What the scan found, with the card's sectors. */
  SdCardInfo info(boolean writeKeysValid, java.util.Map<String, Long> settings) {
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
              moreListed || bytes.size() == Long.MAX_VALUE
                  ? bytes.size()
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
  long nextGoodHeader(long from, long until) {
    for (long q = from; q < until; q += SectorMath.SECTOR) {
      if (headAt(q).problem == null) {
        return q;
      }
    }
    return -1;
  }

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
    int n = bytes.locate(pos, headBuffer.capacity(), headBuffer);
    ByteBuffer h = bytes.located();
    int at = bytes.locatedAt();
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
    if (headerWords < format.wordsNeeded() || headerWords > SdCard.MAX_HEADER_WORDS) {
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
              + SdCard.MAX_HEADER_WORDS);
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
    if (bytes.size() != Long.MAX_VALUE && pos + 4L * l + dataLength > bytes.size()) {
      return bad(
          hd,
          SdEndReason.TRUNCATED,
          pos,
          "the buffer at byte offset "
              + pos
              + " needs "
              + (4L * l + dataLength)
              + " bytes but the file ends at "
              + bytes.size());
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
}
