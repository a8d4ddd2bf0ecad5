package org.scopeio.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a byte stream into buffers at every occurrence of a preamble bit pattern, at any bit
 * offset (docs/formats.md §4.4, decisions 12 to 14). Each buffer is the bits from one preamble up
 * to the next, as bytes, the last byte zero-padded on the right, exactly as mio cuts them; bytes
 * before the first preamble are counted and dropped; the final buffer is emitted by {@link
 * #finish()}.
 *
 * <p>The result does not depend on how the input is chunked. Memory is bounded: when no preamble
 * follows within {@code maxSpanBits}, the span so far is reported to {@link Sink#overlong} (it is
 * not kept) and the search goes on. The search looks at each input byte once: a table says which of
 * the 8 bit phases could put a preamble through that byte, and only those candidates are compared
 * in full.
 *
 * <p>Not thread-safe: one thread feeds it.
 */
public final class BufferSplitter {

  /** Receives what the splitter finds, on the feeding thread. */
  public interface Sink {
    /**
     * One buffer: preamble first.
     *
     * @param data the buffer's bytes in {@code data[0 .. ceil(bits / 8))}; the array is reused
     *     after the call returns, so copy what must be kept
     * @param bits its exact length in bits
     * @param bitOffset where it starts in the stream, in bits
     * @param endOfStream true for the final buffer, which no preamble follows
     */
    void buffer(byte[] data, long bits, long bitOffset, boolean endOfStream);

    /** A span longer than the limit with no preamble after it: dropped, not kept. */
    default void overlong(long bits, long bitOffset) {}

    /** Bits before the first preamble (or after an over-long span) that were dropped. */
    default void discarded(long bits) {}
  }

  /** Eight bytes of an array as one big-endian long (the stream's bit order). */
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final long pattern;
  private final int patternBits;
  private final int patternBytes;
  private final long patternMask;
  private final long maxSpanBits;
  private final long expectedSpanBits;
  private boolean predictionPending;
  private final byte[] anchorPhases = new byte[256];
  private final Sink sink;

  private byte[] acc = new byte[1 << 16];
  private byte[] span = new byte[8192];

  /** Absolute byte index of {@code acc[0]}. */
  private long base;

  /** Valid bytes in {@code acc}. */
  private int length;

  /** Absolute byte index of the next anchor byte to examine. */
  private long scan;

  /** Absolute bit position of the current buffer's preamble, or -1 before the first. */
  private long hit = -1;

  /** Absolute bit position up to which bits are accounted for (emitted or discarded). */
  private long accounted;

  private long lastCandidate = -1;
  private boolean finished;

  /**
   * @param preamble the preamble bytes as they appear in the stream, MSB first (for {@code
   *     reverse_header_bits} pass the bit-reversed sequence, see {@link #searchPattern})
   * @param maxSpanBits longest buffer accepted before a span is reported over-long
   */
  public BufferSplitter(byte[] preamble, long maxSpanBits, Sink sink) {
    this(preamble, maxSpanBits, 0, sink);
  }

  /**
   * A splitter that first looks for the next preamble exactly {@code expectedSpanBits} after the
   * last one (one nominal buffer), and scans the bits in between only when it is not there. This
   * makes clean streams fast, and a preamble pattern that happens to occur inside pixel data no
   * longer splits a buffer (docs/formats.md §4.4); short, long or lost buffers are found by the
   * full scan. The result still does not depend on how the input is chunked.
   *
   * @param expectedSpanBits the nominal buffer length in bits, or 0 to always scan
   */
  public BufferSplitter(byte[] preamble, long maxSpanBits, long expectedSpanBits, Sink sink) {
    if (preamble.length < 2 || preamble.length > 7) {
      throw new IllegalArgumentException("preamble must be 2 to 7 bytes, got " + preamble.length);
    }
    long p = 0;
    for (byte b : preamble) {
      p = (p << 8) | (b & 0xFF);
    }
    this.pattern = p;
    this.patternBytes = preamble.length;
    this.patternBits = 8 * preamble.length;
    this.patternMask = (1L << patternBits) - 1;
    this.maxSpanBits = Math.max(maxSpanBits, 2L * patternBits);
    this.expectedSpanBits = expectedSpanBits;
    this.sink = sink;
    // phase 0: the preamble's first byte is a whole input byte; phase s > 0: the input byte
    // after the one where the preamble starts holds preamble bits [8 - s, 16 - s)
    anchorPhases[(int) (p >>> (patternBits - 8)) & 0xFF] |= 1;
    for (int s = 1; s < 8; s++) {
      int anchor = (int) (p >>> (patternBits - (16 - s))) & 0xFF;
      anchorPhases[anchor] |= (byte) (1 << s);
    }
  }

  /**
   * The bit pattern searched for: the preamble bytes, with the whole bit sequence reversed when
   * {@code reverseHeaderBits} is set, as mio builds it (docs/formats.md, decision 13).
   */
  public static byte[] searchPattern(byte[] preamble, boolean reverseHeaderBits) {
    if (!reverseHeaderBits) {
      return preamble.clone();
    }
    byte[] out = new byte[preamble.length];
    for (int i = 0; i < preamble.length; i++) {
      out[preamble.length - 1 - i] = (byte) WordOrder.rev8(preamble[i]);
    }
    return out;
  }

  /** Feeds the next bytes of the stream. */
  public void feed(byte[] chunk, int offset, int count) {
    if (finished) {
      throw new IllegalStateException("the splitter has finished");
    }
    append(chunk, offset, count);
    search(false);
  }

  public void feed(byte[] chunk) {
    feed(chunk, 0, chunk.length);
  }

  /** The input has ended: emits the final buffer (from the last preamble to the end). */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    search(true);
    long endBits = 8 * (base + length);
    if (hit >= 0) {
      emit(hit, endBits, true);
      hit = -1;
    } else if (endBits > accounted) {
      sink.discarded(endBits - accounted);
    }
    accounted = endBits;
  }

  /** Bytes held right now (for tests of the memory bound). */
  public int heldBytes() {
    return length;
  }

  private void append(byte[] chunk, int offset, int count) {
    // keep from the current preamble, or from the byte before the next anchor
    long keepFrom = hit >= 0 ? hit >>> 3 : Math.max(base, scan - 1);
    int drop = (int) (keepFrom - base);
    if (drop > 0 && (length + count > acc.length || drop > acc.length / 2)) {
      System.arraycopy(acc, drop, acc, 0, length - drop);
      length -= drop;
      base = keepFrom;
    }
    if (length + count > acc.length) {
      acc = Arrays.copyOf(acc, Math.max(acc.length * 2, length + count));
    }
    System.arraycopy(chunk, offset, acc, length, count);
    length += count;
  }

  private void search(boolean atEnd) {
    long end = base + length;
    // every candidate at anchor j needs bytes up to j + patternBytes - 1
    long last = end - patternBytes;
    outer:
    while (true) {
      if (predictionPending && hit >= 0) {
        long p = hit + expectedSpanBits;
        if ((p >>> 3) + patternBytes + 1 > end && !atEnd) {
          break; // wait for the predicted position's bytes; the scan stays where it is
        }
        predictionPending = false;
        if (p > lastCandidate && (p >>> 3) + patternBytes <= end && matchesAt(p, end)) {
          accept(p);
          scan = Math.max(scan, (p >>> 3) + 1);
          continue;
        }
      }
      long j = scan;
      byte[] a = acc;
      int rel = (int) (j - base);
      long overlongAnchor = overlongAnchor();
      while (j <= last) {
        int phases = anchorPhases[a[rel] & 0xFF];
        if (phases != 0) {
          if ((phases & 0xFE) != 0) {
            for (int s = 1; s < 8; s++) {
              if ((phases & (1 << s)) != 0) {
                candidate(8 * (j - 1) + s, end);
              }
            }
          }
          if ((phases & 1) != 0) {
            candidate(8 * j, end);
          }
          if (predictionPending) {
            scan = j + 1;
            continue outer;
          }
          overlongAnchor = overlongAnchor();
        }
        j++;
        rel++;
        if (j > overlongAnchor) {
          sink.overlong(8 * j - hit, hit);
          accounted = 8 * j;
          hit = -1;
          overlongAnchor = Long.MAX_VALUE;
        }
      }
      scan = Math.max(scan, j);
      break;
    }
    if (!atEnd && hit < 0) {
      long dropped = 8 * Math.max(base, scan - 1) - accounted;
      if (dropped > 0) {
        sink.discarded(dropped);
        accounted += dropped;
      }
    }
  }

  /** The anchor index past which the current span is over-long. */
  private long overlongAnchor() {
    return hit >= 0 ? (hit + maxSpanBits + patternBits) >>> 3 : Long.MAX_VALUE;
  }

  private void candidate(long q, long endBytes) {
    if (q < 0 || q <= lastCandidate || q < 8 * base) {
      return;
    }
    if (matchesAt(q, endBytes)) {
      accept(q);
    }
  }

  /** Whether the preamble starts at bit {@code q} (its bytes must be held). */
  private boolean matchesAt(long q, long endBytes) {
    long i = q >>> 3;
    int s = (int) (q & 7);
    if (i < base || (s > 0 && i + patternBytes >= endBytes) || i + patternBytes > endBytes) {
      return false;
    }
    // bytes i .. i + patternBytes (the last one only matters when s > 0)
    long w = 0;
    int rel = (int) (i - base);
    for (int k = 0; k <= patternBytes; k++) {
      long absolute = i + k;
      int b = absolute < endBytes ? acc[rel + k] & 0xFF : 0;
      w = (w << 8) | b;
    }
    return ((w >>> (8 - s)) & patternMask) == pattern;
  }

  private void accept(long q) {
    lastCandidate = q;
    if (hit >= 0) {
      emit(hit, q, false);
    } else if (q > accounted) {
      sink.discarded(q - accounted);
    }
    hit = q;
    accounted = q;
    predictionPending = expectedSpanBits > 0;
  }

  private void emit(long from, long to, boolean endOfStream) {
    long bits = to - from;
    int bytes = (int) ((bits + 7) >>> 3);
    if (span.length < bytes) {
      span = new byte[Math.max(bytes, 2 * span.length)];
    }
    byte[] out = span;
    int start = (int) ((from >>> 3) - base);
    int s = (int) (from & 7);
    if (s == 0) {
      System.arraycopy(acc, start, out, 0, bytes);
    } else {
      int available = length - start;
      int k = 0;
      // eight output bytes from nine held input bytes at a time, then byte by byte
      int last = Math.min(bytes - 8, available - 9);
      for (; k <= last; k += 8) {
        long hi = (long) BIG_ENDIAN_LONG.get(acc, start + k);
        int lo = acc[start + k + 8] & 0xFF;
        BIG_ENDIAN_LONG.set(out, k, (hi << s) | (lo >>> (8 - s)));
      }
      for (; k < bytes; k++) {
        int hi = acc[start + k] & 0xFF;
        int lo = k + 1 < available ? acc[start + k + 1] & 0xFF : 0;
        out[k] = (byte) ((hi << s) | (lo >>> (8 - s)));
      }
    }
    int tail = (int) (bits & 7);
    if (tail != 0) {
      out[bytes - 1] &= (byte) (0xFF << (8 - tail));
    }
    sink.buffer(out, bits, from, endOfStream);
  }
}
