package org.scopeio.stream;

import java.util.List;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.format.StreamDevConfig;

/**
 * Decodes one buffer cut by the {@link BufferSplitter} into its header and payload (formats.md 4.5,
 * Decisions 13, 15, 16) and checks it against the config: the preamble word, the span length (a few
 * dozen bits short is accepted, over-long spans from a lost preamble are rejected), {@code
 * frame_buffer_count} in range and {@code pixel_count} as the config expects. Stateless and
 * thread-safe.
 */
public final class StreamDecoder {
  /** Bits a span may be shorter or longer than nominal and still be accepted. */
  public static final int SPAN_TOLERANCE_BITS = 512;

  /** Why a buffer was rejected. */
  public enum Rejection {
    /** Longer than a buffer: two buffers merged because a preamble was lost. */
    OVERLONG,
    /** Too short to hold the header. */
    TOO_SHORT,
    /** The decoded preamble word is not the configured preamble. */
    BAD_PREAMBLE,
    /** {@code frame_buffer_count} is not a buffer index of the frame. */
    BUFFER_INDEX_OUT_OF_RANGE,
    /** {@code pixel_count} differs from what the config says this buffer carries. */
    PIXEL_COUNT_MISMATCH
  }

  /**
   * A decoded buffer, or the reason it was rejected.
   *
   * @param header the header (without runtime metadata), or null if rejected early
   * @param payload writes the pixel bytes (exactly the pixels this buffer carries, zero-padded if
   *     short) into a frame; valid only until the splitter's next buffer
   * @param paddedPixels pixels that had to be zero-filled because the buffer was short
   * @param shortfallBits how many bits shorter than nominal the span was (0 if not short)
   * @param rejection why it was rejected, or null
   */
  public record Decoded(
      BufferHeader header,
      Payload payload,
      int paddedPixels,
      long shortfallBits,
      Rejection rejection) {
    public boolean accepted() {
      return rejection == null;
    }
  }

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
  private final List<Integer> bufferPixels;
  private final int pixelCountIndex;

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
    this.bufferPixels = config.bufferPixels();
    this.pixelCountIndex = format.index("pixel_count").orElse(-1);
    if (format.wordsNeeded() > headerWords - preambleWords) {
      throw new IllegalArgumentException(
          "header format '"
              + format.id()
              + "' needs "
              + format.wordsNeeded()
              + " words but header_len leaves "
              + (headerWords - preambleWords));
    }
  }

  public List<Integer> bufferPixels() {
    return bufferPixels;
  }

  /**
   * Decodes a buffer of {@code bits} bits held in {@code data}. Unless it ends the stream, its last
   * {@code dummy_words} words are the next buffer's filler and never become pixels.
   */
  public Decoded decode(byte[] data, long bits, boolean endOfStream) {
    if (bits > nominalBits + SPAN_TOLERANCE_BITS) {
      return new Decoded(null, null, 0, 0, Rejection.OVERLONG);
    }
    int length = (int) ((bits + 7) >>> 3);
    if (length < 4 * headerWords) {
      return new Decoded(null, null, 0, 0, Rejection.TOO_SHORT);
    }
    boolean hb = config.reverseHeaderBits();
    boolean hy = config.reverseHeaderBytes();
    if (preambleWords == 1
        && Integer.toUnsignedLong(WordOrder.headerWord(data, 0, length, hb, hy)) != preambleWord) {
      return new Decoded(null, null, 0, 0, Rejection.BAD_PREAMBLE);
    }
    int n = headerWords - preambleWords;
    int[] words = new int[n];
    for (int i = 0; i < n; i++) {
      words[i] = WordOrder.headerWord(data, 4 * (preambleWords + i), length, hb, hy);
    }
    BufferHeader header = format.decodeUnchecked(words, 0, n);
    long fbc = header.frameBufferCount();
    if (fbc < 0 || fbc >= bufferPixels.size()) {
      return new Decoded(header, null, 0, 0, Rejection.BUFFER_INDEX_OUT_OF_RANGE);
    }
    int expected = bufferPixels.get((int) fbc);
    if (pixelCountIndex >= 0 && Integer.toUnsignedLong(words[pixelCountIndex]) != expected) {
      return new Decoded(header, null, 0, 0, Rejection.PIXEL_COUNT_MISMATCH);
    }
    int start = 4 * headerWords;
    long payloadBits = bits - 32L * headerWords - (endOfStream ? 0 : 32L * config.dummyWords());
    int available = (int) Math.max(0, (payloadBits + 7) / 8);
    int copy = Math.min(expected, available);
    boolean pb = config.reversePayloadBits();
    boolean py = config.reversePayloadBytes();
    Payload payload =
        (dst, offset) -> {
          WordOrder.payload(data, length, start, copy, dst, offset, pb, py);
          java.util.Arrays.fill(dst, offset + copy, offset + expected, (byte) 0);
        };
    long expectedBits = nominalBits - (endOfStream ? 32L * config.dummyWords() : 0);
    long shortfall = Math.max(0, expectedBits - bits);
    return new Decoded(header, payload, expected - copy, shortfall, null);
  }
}
