package org.scopeio.sdcard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.FormatException;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameIntegrity;
import org.scopeio.api.PixelType;
import org.scopeio.format.SdLayout;

/**
 * Reads frame {@code k} of a scanned card: its pixels, every buffer header, and its integrity. Each
 * buffer's pixels go to {@code frame_buffer_count} times the data length of a full buffer, so a
 * buffer the recorder dropped leaves zeros where it was (counted as missing, its pixels as padded)
 * and the buffers after it keep their rows (docs/formats.md §3.6). Bytes that fall beyond the
 * frame, or into a slot already filled, are discarded and counted as excess.
 */
final class CardFrameReader {
  /** Frames spanning up to this many bytes are read with one call. */
  private static final long MAX_FRAME_WINDOW = 16L << 20;

  private final CardBytes bytes;
  private final CardScanner scanner;
  private final String source;
  private final BufferHeaderFormat format;
  private final int width;
  private final int height;
  private final int dataLengthIndex;
  private final int frameBufferCountIndex;
  private final int[] words = new int[SdCard.MAX_HEADER_WORDS];

  /** One buffer of the largest size, for frames read buffer by buffer; made when first needed. */
  private ByteBuffer buffer;

  private ByteBuffer frameWindow;

  CardFrameReader(
      CardBytes bytes,
      CardScanner scanner,
      String source,
      SdLayout layout,
      BufferHeaderFormat format,
      int width,
      int height) {
    this.bytes = bytes;
    this.scanner = scanner;
    this.source = source;
    this.format = format;
    this.width = width;
    this.height = height;
    this.dataLengthIndex = layout.buffer().get("data_length");
    this.frameBufferCountIndex = layout.buffer().get("frame_buffer_count");
  }

  Frame read(long k) {
    long pos = scanner.index().start(k);
    int buffers = scanner.index().buffers(k);
    int framePixels = width * height;
    long full = Math.max(1, scanner.fullDataLength());
    int slots = (int) ((framePixels + full - 1) / full);
    boolean[] filled = new boolean[slots];
    byte[] pixels = new byte[framePixels];
    List<BufferHeader> headers = new ArrayList<>(buffers);
    long covered = 0;
    long excess = 0;
    // common case: the whole frame in one read into a direct buffer; else one read per buffer
    long frameSpan = scanner.index().end(k) - pos;
    ByteBuffer window = null;
    long windowStart = pos;
    int windowBytes = 0;
    if (frameSpan <= MAX_FRAME_WINDOW) {
      if (!bytes.mapped() && (frameWindow == null || frameWindow.capacity() < frameSpan)) {
        frameWindow =
            ByteBuffer.allocateDirect(
                    (int)
                        Math.max(frameSpan, Math.min(scanner.largestFrameSpan(), MAX_FRAME_WINDOW)))
                .order(ByteOrder.LITTLE_ENDIAN);
      }
      windowBytes = bytes.locate(pos, (int) frameSpan, frameWindow);
      window = bytes.located();
      windowStart = pos - bytes.locatedAt();
      windowBytes += bytes.locatedAt();
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
                      Math.toIntExact(
                          SectorMath.span((long) width * height, SdCard.MAX_HEADER_WORDS)))
                  .order(ByteOrder.LITTLE_ENDIAN);
        }
        src = buffer;
        rel = 0;
        n = bytes.read(buffer, pos);
      }
      int l = n >= 4 ? src.getInt(rel) : 0;
      boolean good =
          n >= 4 && l >= format.wordsNeeded() && l <= SdCard.MAX_HEADER_WORDS && n >= 4 * l;
      long length = good ? Integer.toUnsignedLong(src.getInt(rel + 4 * dataLengthIndex)) : 0;
      if (!good || length == 0 || length > framePixels) {
        // a corrupt buffer the scan stepped over: step over it the same way
        long next = scanner.nextGoodHeader(pos + SectorMath.SECTOR, scanner.index().end(k));
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
}
