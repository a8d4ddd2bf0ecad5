package org.scopeio.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.PixelType;
import org.scopeio.core.EnumIds;
import org.scopeio.core.Pacer;
import org.scopeio.core.Pacing;
import org.scopeio.format.StreamDevConfig;

/**
 * Writes the wire bytes of a wireless miniscope (docs/formats.md §4.3) for any {@link
 * StreamDevConfig} from a {@link CalciumScene}: per buffer, {@code dummy_words} filler words
 * ({@code 33 33 00 FF}), the preamble as searched for, the header words and a full-length payload,
 * each word with the inverse of the config's bit and byte reversals. Faults on request reproduce
 * what real captures show. Output is streamed (constant memory).
 */
public final class StreamEncoder {

  /**
   * Faults of real captures, each made the way the device makes it: the encoder changes the bits on
   * the wire, never what a decoder sees (docs/formats.md §4.3).
   */
  public enum Fault {
    /** 3 zero bits before everything: no preamble is byte aligned. */
    MISALIGNED,
    /**
     * The receiver re-locks its clock in the filler in front of buffers 3, 11, 20, 27 and 34 and
     * loses 36, 29 and 12 bits there, then gains 3 and 5 (random bits), each at a place inside the
     * filler drawn from the seed ({@link #DUMMY_SLIPS}). Every pixel is sent intact.
     */
    DUMMY_SLIP,
    /** Buffer 5 loses 37 bits in the middle of its pixels: the rest of them shift. */
    PAYLOAD_SLIP,
    /** One bit of buffer 9's preamble is flipped: buffers 8 and 9 arrive as one span. */
    FLIPPED_PREAMBLE,
    /** Buffer 12 is never sent. */
    DROPPED_BUFFER,
    /** Buffer 14 is sent twice. */
    DUPLICATED_BUFFER,
    /** Buffer 17 stops after half of its payload. */
    TRUNCATED_BUFFER,
    /** 1000 random bytes before the first buffer. */
    GARBAGE_START,
    /** The stream ends in the middle of its last buffer. */
    CUT_MID_BUFFER,
    /**
     * The capture starts late, in the middle of buffer 3's pixels: frame 0's buffers 0 to 3 never
     * arrive (the receiver was switched on while the miniscope was sending).
     */
    LATE_START;

    public static Fault fromId(String id) {
      return EnumIds.parse(Fault.class, id, "stream fault");
    }

    public String id() {
      return EnumIds.id(this);
    }
  }

  /** Receives each frame's pixels as it is encoded. */
  @FunctionalInterface
  public interface FrameSink {
    void accept(int frame, byte[] pixels);
  }

  /**
   * @param frames frames encoded
   * @param buffers buffers put on the wire (a duplicate counts twice, a dropped one not)
   * @param bits stream length in bits
   */
  public record Result(int frames, long buffers, long bits) {}

  static final byte[] DUMMY_WORD = {0x33, 0x33, 0x00, (byte) 0xFF};

  /**
   * Slips of {@link Fault#DUMMY_SLIP}: the buffer whose filler slips, and the bits lost (negative)
   * or gained there. The real capture behind this fault showed -36 and -29.
   */
  public static final int[][] DUMMY_SLIPS = {{3, -36}, {11, -29}, {20, -12}, {27, 3}, {34, 5}};

  /** Buffer whose pixels lose {@link #PAYLOAD_SLIP_BITS} with {@link Fault#PAYLOAD_SLIP}. */
  public static final int PAYLOAD_SLIP_BUFFER = 5;

  /** Bits lost in the middle of a buffer's pixels with {@link Fault#PAYLOAD_SLIP}. */
  public static final int PAYLOAD_SLIP_BITS = 37;

  private final StreamDevConfig config;
  private final BufferHeaderFormat format;
  private final SceneConfig scene;
  private final int frames;
  private final Set<Fault> faults;

  public StreamEncoder(
      StreamDevConfig config, BufferHeaderFormat format, long seed, int frames, Set<Fault> faults) {
    this.config = config;
    this.format = format;
    this.scene =
        new SceneConfig(
            config.frameWidth(),
            config.frameHeight(),
            PixelType.UINT8,
            config.fs(),
            seed,
            30,
            60,
            2,
            1,
            0.5);
    this.frames = frames;
    this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
    if (format.wordsNeeded() > config.headerWords() - config.preambleWords()) {
      throw new IllegalArgumentException(
          "header format '" + format.id() + "' needs more words than header_len leaves");
    }
  }

  /** The scene this encoder's camera sees (the pixels it sends, before any fault). */
  public SceneConfig scene() {
    return scene;
  }

  /** Writes the stream to {@code out} (not closed). */
  public Result write(OutputStream out, FrameSink sink) throws IOException {
    BitOutput bits = new BitOutput(out);
    java.util.Random random = new java.util.Random(scene.seed() ^ 0x5EEDL);
    if (faults.contains(Fault.MISALIGNED)) {
      bits.bits(new byte[] {0}, 3);
    }
    if (faults.contains(Fault.GARBAGE_START)) {
      byte[] g = new byte[1000];
      random.nextBytes(g);
      bits.bits(g, 8L * g.length);
    }
    byte[] pattern = searchPattern();
    int headerWords = config.headerWords() - config.preambleWords();
    int payloadBytes = config.pixelsPerBuffer();
    List<Integer> perBuffer = config.bufferPixels();
    CalciumScene movie = new CalciumScene(scene);
    long bufferCount = 0;
    long sent = 0;
    byte[] wire =
        new byte[4 * config.dummyWords() + pattern.length + 4 * headerWords + payloadBytes];
    for (int f = 0; f < frames; f++) {
      byte[] pixels = movie.next8();
      if (sink != null) {
        sink.accept(f, pixels);
      }
      long frameMs = 1000 + (long) Math.floor(f * 1000.0 / config.fs());
      int from = 0;
      for (int b = 0; b < perBuffer.size(); b++) {
        long n = bufferCount++;
        int count = perBuffer.get(b);
        int at = 0;
        for (int d = 0; d < config.dummyWords(); d++) {
          System.arraycopy(DUMMY_WORD, 0, wire, at, 4);
          at += 4;
        }
        System.arraycopy(pattern, 0, wire, at, pattern.length);
        if (faults.contains(Fault.FLIPPED_PREAMBLE) && n == 9) {
          wire[at + 1] ^= 0x04;
        }
        at += pattern.length;
        Map<String, Long> v =
            Map.ofEntries(
                Map.entry("linked_list", n % config.numBuffers()),
                Map.entry("frame_num", (long) f),
                Map.entry("buffer_count", n),
                Map.entry("frame_buffer_count", (long) b),
                Map.entry("write_buffer_count", n),
                Map.entry("dropped_buffer_count", 0L),
                Map.entry("timestamp", frameMs + 2L * b),
                Map.entry("pixel_count", (long) count),
                Map.entry("write_timestamp", 0L),
                Map.entry("battery_voltage_raw", 176L),
                Map.entry("input_voltage_raw", 100L));
        int[] words = new int[headerWords];
        for (String field : format.fieldsByIndex()) {
          words[format.index(field).getAsInt()] = (int) (long) v.getOrDefault(field, 0L);
        }
        for (int w = 0; w < headerWords; w++) {
          int x = words[w];
          if (config.reverseHeaderBytes()) {
            x = Integer.reverseBytes(x);
          }
          if (config.reverseHeaderBits()) {
            x = Integer.reverse(x);
          }
          wire[at] = (byte) x;
          wire[at + 1] = (byte) (x >>> 8);
          wire[at + 2] = (byte) (x >>> 16);
          wire[at + 3] = (byte) (x >>> 24);
          at += 4;
        }
        byte[] payload = new byte[payloadBytes];
        System.arraycopy(pixels, from, payload, 0, count);
        from += count;
        // the per-word reversals are their own inverses
        org.scopeio.simulator.internal.Wire.payload(
            payload, wire, at, config.reversePayloadBits(), config.reversePayloadBytes());
        long length = 8L * wire.length;
        if (faults.contains(Fault.DROPPED_BUFFER) && n == 12) {
          continue;
        }
        if (faults.contains(Fault.LATE_START) && n <= 3) {
          if (n == 3) {
            long captured = 8L * (at + payloadBytes / 2);
            bits.bitsFrom(wire, captured, length - captured);
            sent++;
          }
          continue;
        }
        if (faults.contains(Fault.TRUNCATED_BUFFER) && n == 17) {
          length = 8L * (at + payloadBytes / 2);
        }
        if (faults.contains(Fault.CUT_MID_BUFFER) && f == frames - 1 && b == perBuffer.size() - 1) {
          length = 8L * (at + payloadBytes / 3);
        }
        int fillerSlip = faults.contains(Fault.DUMMY_SLIP) ? dummySlip(n) : 0;
        if (fillerSlip != 0 && config.dummyWords() > 0) {
          // the receiver drops or invents bits somewhere in the filler while it re-locks
          long filler = 32L * config.dummyWords();
          int lost = Math.max(0, -fillerSlip);
          long slipAt = (long) (random.nextDouble() * (filler - lost + 1));
          bits.bits(wire, slipAt);
          for (int k = 0; k < fillerSlip; k++) {
            bits.bits(new byte[] {(byte) (random.nextBoolean() ? 0x80 : 0)}, 1);
          }
          bits.bitsFrom(wire, slipAt + lost, length - slipAt - lost);
        } else if (faults.contains(Fault.PAYLOAD_SLIP) && n == PAYLOAD_SLIP_BUFFER) {
          long slipAt = 8L * (at + payloadBytes / 2);
          bits.bits(wire, slipAt);
          bits.bitsFrom(wire, slipAt + PAYLOAD_SLIP_BITS, length - slipAt - PAYLOAD_SLIP_BITS);
        } else {
          bits.bits(wire, length);
        }
        sent++;
        if (faults.contains(Fault.DUPLICATED_BUFFER) && n == 14) {
          bits.bits(wire, length);
          sent++;
        }
      }
    }
    long total = bits.total();
    bits.flush();
    return new Result(frames, sent, total);
  }

  /**
   * The stream as an {@link java.io.InputStream} fed by a daemon thread, for use as a live source.
   * With {@link Pacing#REAL_TIME} each frame's bytes are released at the frame rate; closing the
   * stream stops the thread.
   */
  public java.io.InputStream openStream(Pacing pacing) {
    java.io.PipedInputStream in = new java.io.PipedInputStream(1 << 20);
    java.io.PipedOutputStream out;
    try {
      out = new java.io.PipedOutputStream(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Pacer pacer = Pacer.perSecond(config.fs());
    Thread t =
        new Thread(
            () -> {
              try (out) {
                write(
                    out,
                    (frame, pixels) -> {
                      if (pacing == Pacing.REAL_TIME) {
                        try {
                          pacer.awaitDue(frame);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                          throw new IllegalStateException("stopped");
                        }
                      }
                    });
              } catch (IOException | IllegalStateException e) {
                // the reader closed the stream or the thread was stopped: end quietly
              }
            },
            "scopeio-simulated-stream");
    t.setDaemon(true);
    t.start();
    return in;
  }

  private static int dummySlip(long buffer) {
    for (int[] slip : DUMMY_SLIPS) {
      if (slip[0] == buffer) {
        return slip[1];
      }
    }
    return 0;
  }

  /** The preamble as it appears on the wire. */
  public byte[] searchPattern() {
    byte[] p = config.preambleBytes();
    if (!config.reverseHeaderBits()) {
      return p;
    }
    byte[] out = new byte[p.length];
    for (int i = 0; i < p.length; i++) {
      out[p.length - 1 - i] = (byte) (Integer.reverse(p[i] & 0xFF) >>> 24);
    }
    return out;
  }

  /** Writes bits MSB first into bytes. */
  private static final class BitOutput {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int used;
    private int cur;
    private int n;
    private long total;

    BitOutput(OutputStream out) {
      this.out = out;
    }

    void bits(byte[] data, long count) throws IOException {
      bitsFrom(data, 0, count);
    }

    void bitsFrom(byte[] data, long first, long count) throws IOException {
      long i = first;
      long end = first + count;
      if (n == 0 && (i & 7) == 0) {
        // byte-aligned fast path
        while (i + 8 <= end) {
          put(data[(int) (i >>> 3)]);
          i += 8;
        }
      }
      for (; i < end; i++) {
        int bit = (data[(int) (i >>> 3)] >> (7 - (int) (i & 7))) & 1;
        cur = (cur << 1) | bit;
        if (++n == 8) {
          put((byte) cur);
          cur = 0;
          n = 0;
        }
      }
      total += count;
    }

    private void put(byte b) throws IOException {
      buf[used++] = b;
      if (used == buf.length) {
        out.write(buf, 0, used);
        used = 0;
      }
    }

    long total() {
      return total;
    }

    void flush() throws IOException {
      if (n > 0) {
        put((byte) (cur << (8 - n)));
        n = 0;
        cur = 0;
      }
      out.write(buf, 0, used);
      used = 0;
      out.flush();
    }
  }
}
