package org.scopeio.writers.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One uncompressed 8-bit gray AVI file (RIFF AVI 1.0, one video stream, fourcc and handler {@code
 * Y800}, rows top-down as for every YUV fourcc), written as frames arrive.
 *
 * <pre>
 * 0    RIFF size 'AVI '
 * 12     LIST size 'hdrl'
 * 24       'avih' 56: µs per frame, ..., total frames (48), ..., width, height
 * 88       LIST size 'strl'
 * 100        'strh' 56: 'vids' 'Y800', scale (128), rate (132), length (140), ...
 * 164        'strf' 40: BITMAPINFOHEADER (width, height, 8 bits, 'Y800', width x height)
 * 212    LIST size 'movi'
 * 224      '00dc' size pixels [pad]   one chunk per frame
 *        'idx1' 16 bytes per frame (written by {@link #finish})
 * </pre>
 *
 * <p>After every frame the RIFF and movi sizes and the frame counts are updated in place, so a file
 * whose writer was killed is a consistent AVI without an index, which ffmpeg and OpenCV read. The
 * index holds nothing a computation can't give (all chunks have the same size), so it costs no
 * memory.
 */
public final class AviFile implements AutoCloseable {
  /** Bytes before the first frame chunk. */
  public static final int HEADER = 224;

  private static final int AVIF_HASINDEX = 0x10;
  private static final int AVIIF_KEYFRAME = 0x10;

  private final Path path;
  private final FileChannel channel;
  private final int width;
  private final int height;
  private final int frameBytes;
  private final int chunkBytes;
  private final ByteBuffer chunkHeader = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
  private final ByteBuffer pad = ByteBuffer.allocate(1);
  private final ByteBuffer patch = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
  private final ByteBuffer[] gather = new ByteBuffer[3];
  private long frames;

  private AviFile(Path path, FileChannel channel, int width, int height) {
    this.path = path;
    this.channel = channel;
    this.width = width;
    this.height = height;
    this.frameBytes = width * height;
    this.chunkBytes = 8 + frameBytes + (frameBytes & 1);
  }

  /** Creates (or truncates) {@code path} with a header for {@code frameRate} frames per second. */
  public static AviFile create(Path path, int width, int height, double frameRate)
      throws IOException {
    if ((long) width * height > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " frame is too large for AVI");
    }
    FileChannel ch =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    AviFile f = new AviFile(path, ch, width, height);
    try {
      f.writeHeader(frameRate);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return f;
  }

  /** Bytes of a file holding {@code frames} frames, index included. */
  public static long fileBytes(int width, int height, long frames) {
    long frameBytes = (long) width * height;
    long chunk = 8 + frameBytes + (frameBytes & 1);
    return HEADER + frames * chunk + 8 + 16 * frames;
  }

  /** Path of the file. */
  public Path path() {
    return path;
  }

  /** Frames written. */
  public long frames() {
    return frames;
  }

  private void writeHeader(double frameRate) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    fourcc(b, "RIFF").putInt(0);
    fourcc(b, "AVI ");
    fourcc(b, "LIST").putInt(192);
    fourcc(b, "hdrl");
    fourcc(b, "avih").putInt(56);
    b.putInt(0); // µs per frame, set by rate()
    b.putInt(0); // max bytes per second, set by rate()
    b.putInt(0); // padding granularity
    b.putInt(AVIF_HASINDEX);
    b.putInt(0); // total frames
    b.putInt(0); // initial frames
    b.putInt(1); // streams
    b.putInt(chunkBytes); // suggested buffer size
    b.putInt(width).putInt(height);
    b.putInt(0).putInt(0).putInt(0).putInt(0);
    fourcc(b, "LIST").putInt(116);
    fourcc(b, "strl");
    fourcc(b, "strh").putInt(56);
    fourcc(b, "vids");
    fourcc(b, "Y800");
    b.putInt(0); // flags
    b.putShort((short) 0).putShort((short) 0); // priority, language
    b.putInt(0); // initial frames
    b.putInt(0).putInt(0); // scale, rate: set by rate()
    b.putInt(0); // start
    b.putInt(0); // length
    b.putInt(frameBytes); // suggested buffer size
    b.putInt(-1); // quality: default
    b.putInt(0); // sample size: varies (video)
    b.putShort((short) 0).putShort((short) 0);
    b.putShort((short) Math.min(width, Short.MAX_VALUE));
    b.putShort((short) Math.min(height, Short.MAX_VALUE));
    fourcc(b, "strf").putInt(40);
    b.putInt(40).putInt(width).putInt(height); // positive height: Y800 rows are top-down anyway
    b.putShort((short) 1).putShort((short) 8);
    fourcc(b, "Y800");
    b.putInt(frameBytes);
    b.putInt(0).putInt(0).putInt(0).putInt(0);
    fourcc(b, "LIST").putInt(4);
    fourcc(b, "movi");
    if (b.position() != HEADER) {
      throw new IllegalStateException("AVI header is " + b.position() + " bytes");
    }
    b.flip();
    writeFully(b, 0);
    channel.position(HEADER);
    rate(frameRate);
    sizes();
  }

  private static ByteBuffer fourcc(ByteBuffer b, String code) {
    for (int i = 0; i < 4; i++) {
      b.put((byte) code.charAt(i));
    }
    return b;
  }

  /** Sets the frame rate in the headers (as a rational with denominator 1000, reduced). */
  public void rate(double frameRate) throws IOException {
    long rate = Math.max(1, Math.round(frameRate * 1000));
    long scale = 1000;
    long g = gcd(rate, scale);
    rate /= g;
    scale /= g;
    putInt(32, (int) Math.min(Integer.MAX_VALUE, Math.round(1e6 * scale / rate)));
    putInt(36, (int) Math.min(Integer.MAX_VALUE, Math.round((double) frameBytes * rate / scale)));
    putInt(128, (int) scale);
    putInt(132, (int) Math.min(Integer.MAX_VALUE, rate));
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** Appends one frame of exactly width x height bytes, rows top-down. */
  public void append(ByteBuffer gray) throws IOException {
    if (gray.remaining() != frameBytes) {
      throw new IllegalArgumentException(
          "a frame has " + frameBytes + " bytes, got " + gray.remaining());
    }
    chunkHeader.clear();
    fourcc(chunkHeader, "00dc").putInt(frameBytes).flip();
    pad.clear();
    if ((frameBytes & 1) == 0) {
      pad.limit(0);
    }
    gather[0] = chunkHeader;
    gather[1] = gray;
    gather[2] = pad;
    long written = 0;
    while (written < chunkBytes) {
      written += channel.write(gather);
    }
    frames++;
    sizes();
  }

  /** Updates the sizes and frame counts in the headers to the frames written. */
  private void sizes() throws IOException {
    long movi = 4 + frames * chunkBytes;
    putInt(4, (int) (HEADER - 8 + frames * chunkBytes));
    putInt(216, (int) movi);
    putInt(48, (int) frames);
    putInt(140, (int) frames);
  }

  private void putInt(long position, int value) throws IOException {
    patch.clear();
    patch.putInt(value).flip();
    writeFully(patch, position);
  }

  /** Forces the written data to the storage device. */
  public void force() throws IOException {
    channel.force(false);
  }

  /**
   * Writes the index, sets the frame rate to {@code frameRate} and the final sizes, and closes the
   * file.
   */
  public void finish(double frameRate) throws IOException {
    finish(frameRate, true);
  }

  /**
   * Completes the file (index, frame count, rate) and closes it; forces it to the storage device
   * first if {@code force}.
   */
  public void finish(double frameRate, boolean force) throws IOException {
    try {
      long indexBytes = 16 * frames;
      ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      fourcc(b, "idx1").putInt((int) indexBytes);
      long offset = 4; // from the 'movi' fourcc
      for (long i = 0; i < frames; i++) {
        if (b.remaining() < 16) {
          b.flip();
          writeAll(b);
          b.clear();
        }
        fourcc(b, "00dc").putInt(AVIIF_KEYFRAME).putInt((int) offset).putInt(frameBytes);
        offset += chunkBytes;
      }
      b.flip();
      writeAll(b);
      rate(frameRate);
      putInt(4, (int) (channel.position() - 8));
      if (force) {
        channel.force(false);
      }
    } finally {
      channel.close();
    }
  }

  private void writeAll(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  private void writeFully(ByteBuffer b, long position) throws IOException {
    long p = position;
    while (b.hasRemaining()) {
      p += channel.write(b, p);
    }
  }

  /**
   * Completes an AVI whose writer was killed: keeps the frames its header counts (each counted
   * after its chunk was written), cuts off a chunk the kill interrupted, and appends the index.
   * Pixels are not touched.
   *
   * @return the frames the file holds
   * @throws IOException naming the file if it is not one of ours
   */
  public static long repair(Path path) throws IOException {
    try (FileChannel ch =
        FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      while (h.hasRemaining() && ch.read(h, h.position()) > 0) {
        // read the header
      }
      if (h.position() < HEADER
          || h.getInt(0) != 0x46464952 // RIFF
          || h.getInt(216 + 4) != 0x69766f6d) { // movi
        throw new IOException(path + ": not an AVI written by Scopeio (no RIFF/movi header)");
      }
      long frames = Integer.toUnsignedLong(h.getInt(48));
      int width = h.getInt(64);
      int height = h.getInt(68);
      if (width <= 0 || height <= 0) {
        throw new IOException(path + ": the AVI header gives a " + width + "x" + height + " frame");
      }
      AviFile f = new AviFile(path, ch, width, height);
      long end = HEADER + frames * f.chunkBytes;
      if (ch.size() < end) {
        frames = (ch.size() - HEADER) / f.chunkBytes;
        end = HEADER + frames * f.chunkBytes;
      }
      ch.truncate(end);
      ch.position(end);
      f.frames = frames;
      f.sizes();
      long scale = Integer.toUnsignedLong(h.getInt(128));
      long rate = Integer.toUnsignedLong(h.getInt(132));
      f.finish(scale > 0 && rate > 0 ? (double) rate / scale : 20.0);
      return frames;
    }
  }

  /** Closes the file without an index (after a failure). */
  @Override
  public void close() throws IOException {
    channel.close();
  }
}
