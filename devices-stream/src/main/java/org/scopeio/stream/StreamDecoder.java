package org.scopeio.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.format.StreamDevConfig;

/**
 * Decodes one span cut by the {@link BufferSplitter} (the bits from one preamble to the next) into
 * the buffers it holds (docs/formats.md §4.5 to §4.9). Stateless and thread-safe.
 *
 * <p>A buffer's pixels are the bytes right after its header; what lies beyond header and pixels is
 * the dummy-word filler in front of the next preamble. The receiver loses or gains bits while it
 * re-locks its clock in that filler, so a span a few dozen bits short or long still carries every
 * pixel: only a span that cannot hold header and pixels is padded, and the padding is counted. The
 * filler is visible ({@link #DUMMY_WORD}), so the decoder checks where it really starts: where the
 * pixels end (the pixels are exact), or elsewhere (bits were lost or gained inside the pixels, and
 * the buffer's pixels are reported as suspect instead of being accepted silently).
 *
 * <p>When a preamble is corrupted, two or more buffers arrive as one over-long span. Its leading
 * buffer is intact and decoded; each following buffer is looked for one nominal buffer further on,
 * within {@link #SPAN_TOLERANCE_BITS}, and kept when its header follows on from the buffer before
 * it (same or next {@code frame_num}, {@code frame_buffer_count} and {@code buffer_count} next in
 * line, {@code pixel_count} as configured). What cannot be placed is counted as unrecovered bits.
 */
public final class StreamDecoder {
  /**
   * Bits a span or a recovered buffer's position may differ from nominal (at most a quarter of a
   * buffer).
   */
  public static final int SPAN_TOLERANCE_BITS = 512;

  /** The wire bytes of one dummy (filler) word, at the buffer's bit phase. */
  public static final byte[] DUMMY_WORD = {0x33, 0x33, 0x00, (byte) 0xFF};

  /** {@link #DUMMY_WORD} as 32 bits, the first wire bit highest. */
  private static final int FILLER = 0x333300FF;

  /**
   * Filler bits found before where the pixels should end that prove a slip inside the pixels (bits
   * of pixels that follow the filler pattern by chance: 2^-16).
   */
  private static final int FILLER_EVIDENCE_BITS = 16;

  /**
   * Fewer filler bits before where the pixels should end that still mean a slip inside the pixels
   * when the filler's first word is damaged too (which a slip in the filler does only when it
   * happens within the first 16 bits).
   */
  private static final int FILLER_HINT_BITS = 4;

  /** Why a buffer was rejected. */
  public enum Rejection {
    /** Too short to hold the header. */
    TOO_SHORT,
    /** The decoded preamble word is not the configured preamble. */
    BAD_PREAMBLE,
    /** {@code frame_buffer_count} is not a buffer index of the frame. */
    BUFFER_INDEX_OUT_OF_RANGE,
    /** {@code pixel_count} differs from what the config says this buffer carries. */
    PIXEL_COUNT_MISMATCH
  }

  /** What the filler after a buffer's pixels says about them. */
  public enum PixelCheck {
    /** The filler starts where the pixels end: every pixel was received as sent. */
    EXACT,
    /** The filler starts elsewhere: bits were lost or gained inside the pixels (suspect). */
    SLIPPED,
    /** Nothing to check against: no dummy words, the stream's last buffer, or no filler found. */
    UNCHECKED
  }

  /**
   * A decoded buffer, or the reason it was rejected.
   *
   * @param header the header (without runtime metadata), or null if rejected before it was read
   * @param payload writes the pixel bytes (exactly the pixels this buffer carries, zero-padded if
   *     short) into a frame; valid only until the splitter's next buffer
   * @param paddedPixels pixels zero-filled because the span did not hold them
   * @param suspectPixels pixels decoded after a bit slip inside the pixels (shifted bits)
   * @param check what the filler says about the pixels
   * @param recovered whether the buffer was found at its predicted place inside a merged span
   * @param rejection why it was rejected, or null
   */
  public record Decoded(
      BufferHeader header,
      Payload payload,
      int paddedPixels,
      int suspectPixels,
      PixelCheck check,
      boolean recovered,
      Rejection rejection) {
    public boolean accepted() {
      return rejection == null;
    }

    static Decoded rejected(BufferHeader header, Rejection why) {
      return new Decoded(header, null, 0, 0, PixelCheck.UNCHECKED, false, why);
    }
  }

  /**
   * What one span held.
   *
   * @param buffers the buffers in order: the leading one (possibly rejected), then recovered ones
   * @param merged whether the span was longer than one buffer (a preamble was lost)
   * @param unrecoveredBits bits of a merged span that no recovered buffer accounts for
   * @param shortfallBits how many bits shorter than nominal the span was (0 if not short)
   * @param lengthDifferenceBits span length minus nominal, for spans of one buffer (0 otherwise)
   */
  public record Span(
      List<Decoded> buffers,
      boolean merged,
      long unrecoveredBits,
      long shortfallBits,
      long lengthDifferenceBits) {}

  /** Copies a buffer's decoded pixels into a destination array. */
  @FunctionalInterface
  public interface Payload {
    /** Writes the pixels at {@code offset} of {@code dst} (zero-padded if the buffer was short). */
    void copyTo(byte[] dst, int offset);
  }

  private final StreamDevConfig config;
  private final BufferHeaderFormat format;
  private final int headerWords;
  private final int preambleWords;
  private final long preambleWord;
  private final long nominalBits;
  private final long toleranceBits;
  private final long fillerBits;
  private final List<Integer> bufferPixels;
  private final int pixelCountIndex;
  private final int frameNumIndex;
  private final int frameBufferCountIndex;
  private final int bufferCountIndex;
  private final byte[] fillerBytes;

  public StreamDecoder(StreamDevConfig config, BufferHeaderFormat format) {
    this.config = config;
    this.format = format;
    this.headerWords = config.headerWords();
    this.preambleWords = config.preambleWords();
    // the word the header decoding makes of the preamble as it is searched for on the wire
    byte[] wire = BufferSplitter.searchPattern(config.preambleBytes(), config.reverseHeaderBits());
    this.preambleWord =
        Integer.toUnsignedLong(
            WordOrder.headerWord(
                wire, 0, wire.length, config.reverseHeaderBits(), config.reverseHeaderBytes()));
    // the splitter's span holds this buffer's preamble, header and pixels, then the next
    // buffer's dummy words: one wire buffer in all
    this.nominalBits = 8L * config.bufferBytes();
    this.toleranceBits = Math.min(SPAN_TOLERANCE_BITS, nominalBits / 4);
    this.fillerBits = 32L * config.dummyWords();
    this.bufferPixels = config.bufferPixels();
    this.pixelCountIndex = format.index("pixel_count").orElse(-1);
    this.frameNumIndex = format.index(BufferHeader.FRAME_NUM).orElse(-1);
    this.frameBufferCountIndex = format.index(BufferHeader.FRAME_BUFFER_COUNT).orElse(-1);
    this.bufferCountIndex = format.index(BufferHeader.BUFFER_COUNT).orElse(-1);
    if (format.wordsNeeded() > headerWords - preambleWords) {
      throw new IllegalArgumentException(
          "header format '"
              + format.id()
              + "' needs "
              + format.wordsNeeded()
              + " words but header_len leaves "
              + (headerWords - preambleWords));
    }
    format.requireFields(
        "the stream decoder",
        BufferHeader.FRAME_NUM,
        BufferHeader.FRAME_BUFFER_COUNT,
        BufferHeader.TIMESTAMP);
    this.fillerBytes = new byte[(int) (fillerBits / 8)];
    for (int i = 0; i < fillerBytes.length; i++) {
      fillerBytes[i] = DUMMY_WORD[i & 3];
    }
  }

  public List<Integer> bufferPixels() {
    return bufferPixels;
  }

  /** Bits of one buffer on the wire: the nominal span. */
  public long nominalBits() {
    return nominalBits;
  }

  /**
   * Decodes a span of {@code bits} bits held in {@code data} (bit 0 is the first bit of its
   * preamble). Unless it ends the stream, the bits after the last buffer's pixels are the next
   * buffer's filler and never become pixels.
   */
  public Span decode(byte[] data, long bits, boolean endOfStream) {
    boolean merged = bits > nominalBits + toleranceBits;
    List<Decoded> out = new ArrayList<>(merged ? 2 : 1);
    long unrecovered = 0;
    byte[] view = data;
    long viewBits = bits;
    BufferHeader previous = null;
    while (true) {
      boolean over = viewBits > nominalBits + toleranceBits;
      // a recovered buffer's header was checked when it was found; its preamble is the damaged one
      Decoded head = readHeader(view, viewBits, previous == null);
      if (!head.accepted()) {
        out.add(head);
        break;
      }
      long next = over ? findNext(view, viewBits, head.header()) : -1;
      long fillerEnd = !over ? viewBits : next >= 0 ? next : nominalBits;
      out.add(
          finish(view, viewBits, head.header(), fillerEnd, over || !endOfStream, previous != null));
      if (!over) {
        break;
      }
      if (next < 0) {
        unrecovered += viewBits - nominalBits;
        break;
      }
      previous = head.header();
      view = bitsFrom(view, next, viewBits);
      viewBits -= next;
    }
    long expected = nominalBits - (endOfStream ? fillerBits : 0);
    long shortfall = merged ? 0 : Math.max(0, expected - bits);
    long difference = merged || endOfStream ? 0 : bits - nominalBits;
    return new Span(out, merged, unrecovered, shortfall, difference);
  }

  /**
   * Reads and checks the header of the buffer whose preamble starts at bit 0 of {@code d}: an
   * accepted result carries the header only.
   */
  private Decoded readHeader(byte[] d, long bits, boolean checkPreamble) {
    if (bits < 32L * headerWords) {
      return Decoded.rejected(null, Rejection.TOO_SHORT);
    }
    int length = (int) ((bits + 7) >>> 3);
    boolean hb = config.reverseHeaderBits();
    boolean hy = config.reverseHeaderBytes();
    if (checkPreamble
        && preambleWords == 1
        && Integer.toUnsignedLong(WordOrder.headerWord(d, 0, length, hb, hy)) != preambleWord) {
      return Decoded.rejected(null, Rejection.BAD_PREAMBLE);
    }
    int n = headerWords - preambleWords;
    int[] words = new int[n];
    for (int i = 0; i < n; i++) {
      words[i] = WordOrder.headerWord(d, 4 * (preambleWords + i), length, hb, hy);
    }
    BufferHeader header = format.decodeUnchecked(words, 0, n);
    long fbc = header.frameBufferCount();
    if (fbc < 0 || fbc >= bufferPixels.size()) {
      return Decoded.rejected(header, Rejection.BUFFER_INDEX_OUT_OF_RANGE);
    }
    int expected = bufferPixels.get((int) fbc);
    if (pixelCountIndex >= 0 && Integer.toUnsignedLong(words[pixelCountIndex]) != expected) {
      return Decoded.rejected(header, Rejection.PIXEL_COUNT_MISMATCH);
    }
    return new Decoded(header, null, 0, 0, PixelCheck.UNCHECKED, false, null);
  }

  /**
   * The pixels of a buffer with a checked header: right after the header, up to where the filler in
   * front of the next preamble (at {@code fillerEnd}) really starts.
   */
  private Decoded finish(
      byte[] d,
      long bits,
      BufferHeader header,
      long fillerEnd,
      boolean hasFiller,
      boolean recovered) {
    int expected = bufferPixels.get((int) header.frameBufferCount());
    long h = 32L * headerWords;
    long p = h + 8L * expected;
    long pixelsEnd;
    PixelCheck check;
    if (!hasFiller || fillerBits == 0) {
      pixelsEnd = Math.min(p, fillerEnd);
      check = PixelCheck.UNCHECKED;
    } else {
      long start = fillerStart(d, h, p, fillerEnd);
      check = start == p ? PixelCheck.EXACT : start < 0 ? PixelCheck.UNCHECKED : PixelCheck.SLIPPED;
      pixelsEnd = start < 0 ? Math.min(p, fillerEnd) : Math.min(start, p);
      if (check == PixelCheck.UNCHECKED && fillerSeen(d, h, p, fillerEnd)) {
        check = PixelCheck.SLIPPED; // the filler is there, but not where the pixels end
      }
    }
    int copy = (int) Math.max(0, Math.min(expected, (pixelsEnd - h) / 8));
    int suspect = check == PixelCheck.SLIPPED ? copy : 0;
    // bytes past the span are zero, as when mio pads a buffer to whole words
    int available = (int) Math.min(d.length, (bits + 7) >>> 3);
    int start = (int) (h / 8);
    boolean pb = config.reversePayloadBits();
    boolean py = config.reversePayloadBytes();
    Payload payload =
        (dst, offset) -> {
          WordOrder.payload(d, available, start, copy, dst, offset, pb, py);
          Arrays.fill(dst, offset + copy, offset + expected, (byte) 0);
        };
    return new Decoded(header, payload, expected - copy, suspect, check, recovered, null);
  }

  /**
   * Where the filler in front of the next preamble (which starts at bit {@code e}) begins, given
   * pixels from bit {@code h} that should end at bit {@code p} (docs/formats.md §4.8): {@code p}
   * when the filler confirms the pixels, another position when bits were lost or gained inside
   * them, {@code -1} when the filler is not found intact anywhere near.
   */
  private long fillerStart(byte[] d, long h, long p, long e) {
    long n = e - p;
    if (n == fillerBits && fillerBytesAt(d, p)) {
      return p; // the common case: nominal span, intact filler
    }
    long a = p <= e ? forwardFiller(d, p, e) : 0;
    long b = backwardFiller(d, e, h);
    long g = n - fillerBits;
    // one slip inside the filler: its start matches at p, its end before e, together covering it
    boolean fillerSlip = p <= e && a + b + Math.max(0, g) >= n;
    // a slip inside the pixels: the whole filler is intact, ending at e, and reaches back beyond p
    boolean pixelSlip = g != 0 && b >= fillerBits;
    long evidence = b - n;
    boolean inPixels =
        pixelSlip && (evidence >= FILLER_EVIDENCE_BITS || (evidence >= FILLER_HINT_BITS && a < 16));
    if (fillerSlip && !inPixels) {
      return p;
    }
    if (pixelSlip) {
      return e - fillerBits;
    }
    if (p <= e && a >= 32) {
      return p; // a whole dummy word where the pixels end; the filler was damaged later
    }
    return -1;
  }

  /** Whether a whole dummy word sits next to where the pixels should end or the preamble starts. */
  private boolean fillerSeen(byte[] d, long h, long p, long e) {
    return (p <= e && forwardFiller(d, p, Math.min(e, p + 32)) >= 32)
        || backwardFiller(d, e, Math.max(h, e - 32)) >= 32;
  }

  private boolean fillerBytesAt(byte[] d, long p) {
    int from = (int) (p >>> 3);
    return from + fillerBytes.length <= d.length
        && Arrays.equals(d, from, from + fillerBytes.length, fillerBytes, 0, fillerBytes.length);
  }

  /** Bits from {@code p} on (before {@code e}) that follow the filler pattern from its start. */
  private static long forwardFiller(byte[] d, long p, long e) {
    long i = 0;
    while (p + i < e && bit(d, p + i) == fillerBit(i)) {
      i++;
    }
    return i;
  }

  /** Bits before {@code e} (back to {@code h}) that follow the filler pattern up to its end. */
  private static long backwardFiller(byte[] d, long e, long h) {
    long i = 1;
    while (e - i >= h && bit(d, e - i) == fillerBit(-i)) {
      i++;
    }
    return i - 1;
  }

  private static int fillerBit(long phase) {
    return (FILLER >>> (31 - (int) Math.floorMod(phase, 32L))) & 1;
  }

  private static int bit(byte[] d, long p) {
    int i = (int) (p >>> 3);
    return i < d.length ? (d[i] >> (7 - (int) (p & 7))) & 1 : 0;
  }

  /**
   * The bit position (near one nominal buffer after bit 0) where the buffer after {@code previous}
   * starts inside a merged span, or -1 if no header there follows on from {@code previous}.
   */
  private long findNext(byte[] d, long bits, BufferHeader previous) {
    for (int k = 0; k <= toleranceBits; k++) {
      for (int sign = 1; sign >= -1; sign -= 2) {
        long q = nominalBits + sign * k;
        if (q + 32L * headerWords <= bits && followsOn(d, q, previous)) {
          return q;
        }
        if (k == 0) {
          break;
        }
      }
    }
    return -1;
  }

  /** Whether the header of a buffer whose preamble would start at bit {@code q} follows on. */
  private boolean followsOn(byte[] d, long q, BufferHeader previous) {
    long at = q + 32L * preambleWords;
    long fbc = word(d, at, frameBufferCountIndex);
    if (fbc >= bufferPixels.size()) {
      return false;
    }
    if (pixelCountIndex >= 0 && word(d, at, pixelCountIndex) != bufferPixels.get((int) fbc)) {
      return false;
    }
    if (bufferCountIndex >= 0
        && word(d, at, bufferCountIndex)
            != ((previous.get(BufferHeader.BUFFER_COUNT) + 1) & MASK)) {
      return false;
    }
    long frame = word(d, at, frameNumIndex);
    long previousFrame = previous.frameNum();
    long previousFbc = previous.frameBufferCount();
    return (frame == previousFrame && fbc == previousFbc + 1)
        || (frame == ((previousFrame + 1) & MASK) && fbc == 0);
  }

  private static final long MASK = 0xFFFF_FFFFL;

  /** Header word {@code index} of a header starting at bit {@code at}, decoded. */
  private long word(byte[] d, long at, int index) {
    long p = at + 32L * index;
    int w = 0;
    for (int k = 0; k < 4; k++) {
      w |= byteAt(d, p + 8L * k) << (8 * k);
    }
    if (config.reverseHeaderBits()) {
      w = Integer.reverse(w);
    }
    if (config.reverseHeaderBytes()) {
      w = Integer.reverseBytes(w);
    }
    return Integer.toUnsignedLong(w);
  }

  private static int byteAt(byte[] d, long p) {
    int i = (int) (p >>> 3);
    int s = (int) (p & 7);
    int hi = i < d.length ? d[i] & 0xFF : 0;
    if (s == 0) {
      return hi;
    }
    int lo = i + 1 < d.length ? d[i + 1] & 0xFF : 0;
    return ((hi << s) | (lo >>> (8 - s))) & 0xFF;
  }

  /** The bits {@code [from, bits)} of {@code d} as a new array starting at bit 0. */
  private static byte[] bitsFrom(byte[] d, long from, long bits) {
    byte[] out = new byte[(int) ((bits - from + 7) >>> 3)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) byteAt(d, from + 8L * i);
    }
    int tail = (int) ((bits - from) & 7);
    if (tail != 0) {
      out[out.length - 1] &= (byte) (0xFF << (8 - tail));
    }
    return out;
  }
}
