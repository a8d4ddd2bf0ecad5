package org.scopeio.writers.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.scopeio.api.PixelType;

/**
 * A little-endian BigTIFF file of gray planes, written as the planes arrive: each plane is one IFD
 * followed by its pixels in one strip, appended at the end of the file, and linked into the IFD
 * chain only once it is complete. A reader therefore always finds a valid chain of complete planes,
 * whenever the writing process stops. Memory is constant: nothing is kept per plane.
 *
 * <p>The first IFD's ImageDescription starts as a short provisional text; {@link
 * #replaceDescription} appends the final one (the OME-XML, once all planes are known) and points
 * the first IFD at it.
 *
 * <pre>
 * 0   header: "II", 43, 8, 0, offset of the first IFD (0 until a plane is complete)
 * 16  provisional description (ASCII, NUL-terminated)
 *     IFD 0 (with ImageDescription and Software), pixels of plane 0
 *     IFD 1, pixels of plane 1 ...
 *     final description (written on close)
 * </pre>
 */
public final class BigTiffFile implements AutoCloseable {
  private static final short ASCII = 2;
  private static final short SHORT = 3;
  private static final short LONG = 4;
  private static final short LONG8 = 16;
  private static final int ENTRY = 20;
  private static final int FIRST_IFD_POINTER = 8;
  private static final byte[] SOFTWARE = "Scopeio\0".getBytes(StandardCharsets.US_ASCII);

  private final Path path;
  private final FileChannel channel;
  private final int width;
  private final int height;
  private final PixelType pixelType;
  private final long planeBytes;
  private final ByteBuffer ifd;
  private final ByteBuffer link = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
  private final ByteBuffer[] gather = new ByteBuffer[2];
  private long descriptionOffset;
  private long descriptionCount;
  private long end;
  private long nextPointer = FIRST_IFD_POINTER;
  private long firstIfd;
  private long planes;

  private BigTiffFile(Path path, FileChannel channel, int width, int height, PixelType pixelType) {
    this.path = path;
    this.channel = channel;
    this.width = width;
    this.height = height;
    this.pixelType = pixelType;
    this.planeBytes = (long) width * height * pixelType.bytes();
    this.ifd = ByteBuffer.allocate(ifdSize(13)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Creates (or truncates) {@code path} and writes the header and {@code provisionalDescription}.
   */
  public static BigTiffFile create(
      Path path, int width, int height, PixelType pixelType, String provisionalDescription)
      throws IOException {
    FileChannel ch =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.READ,
            StandardOpenOption.TRUNCATE_EXISTING);
    BigTiffFile f = new BigTiffFile(path, ch, width, height, pixelType);
    try {
      f.writeHeader(provisionalDescription);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return f;
  }

  /**
   * Opens a file this class wrote, whose writer stopped without {@link #replaceDescription} (a
   * killed recording), to complete it: follows the IFD chain over the planes that are complete and
   * linked, and appends after the end of the file.
   *
   * @throws IOException if the file is not such a BigTIFF
   */
  public static BigTiffFile reopen(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long size = ch.size();
      ByteBuffer h = read(ch, 0, 16);
      if (h.get(0) != 'I' || h.get(1) != 'I' || h.getShort(2) != 43 || h.getShort(4) != 8) {
        throw new IOException(path + ": not a little-endian BigTIFF");
      }
      long first = h.getLong(8);
      if (first == 0) {
        throw new IOException(path + ": holds no complete plane");
      }
      ByteBuffer ifd0 = read(ch, first, 8);
      int n0 = (int) ifd0.getLong(0);
      ByteBuffer e0 = read(ch, first + 8, n0 * ENTRY);
      int width = 0;
      int height = 0;
      int bits = 8;
      for (int i = 0; i < n0; i++) {
        int tag = e0.getShort(i * ENTRY) & 0xFFFF;
        long value = e0.getLong(i * ENTRY + 12);
        switch (tag) {
          case 256 -> width = (int) value;
          case 257 -> height = (int) value;
          case 258 -> bits = (int) (value & 0xFFFF);
          default -> {}
        }
      }
      PixelType type = bits == 16 ? PixelType.UINT16 : PixelType.UINT8;
      BigTiffFile f = new BigTiffFile(path, ch, width, height, type);
      f.firstIfd = first;
      long ifd = first;
      long linkAt = FIRST_IFD_POINTER;
      while (ifd != 0 && ifd + 8 <= size) {
        int n = (int) read(ch, ifd, 8).getLong(0);
        long next = read(ch, ifd + 8 + (long) n * ENTRY, 8).getLong(0);
        f.planes++;
        linkAt = ifd + 8 + (long) n * ENTRY;
        ifd = next;
      }
      f.nextPointer = linkAt;
      f.end = size + (size & 1);
      return f;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) {
        throw new IOException("unexpected end of file at byte " + (position + b.position()));
      }
    }
    return b.flip();
  }

  private static int ifdSize(int entries) {
    return 8 + entries * ENTRY + 8;
  }

  private void writeHeader(String description) throws IOException {
    byte[] text = (description + "\0").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(16 + text.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0);
    b.putLong(0);
    b.put(text);
    b.flip();
    writeFully(b, 0);
    descriptionOffset = 16;
    descriptionCount = text.length;
    end = 16 + text.length;
    end += end & 1; // word-aligned IFDs
  }

  /** Path of the file. */
  public Path path() {
    return path;
  }

  /** Complete planes written. */
  public long planes() {
    return planes;
  }

  /**
   * Appends one plane: {@code pixels} holds exactly the plane's bytes, little-endian for 16-bit.
   * When this returns, the plane is part of the IFD chain. With {@code durable}, the plane is
   * forced to the storage device before it is linked (the link itself is forced with the next
   * plane, or by {@link #force()}).
   */
  public void append(ByteBuffer pixels, boolean durable) throws IOException {
    if (pixels.remaining() != planeBytes) {
      throw new IllegalArgumentException(
          "a plane has " + planeBytes + " bytes, got " + pixels.remaining());
    }
    long ifdOffset = end;
    boolean first = planes == 0;
    int entries = first ? 13 : 11;
    long pixelOffset = ifdOffset + ifdSize(entries);
    ifd.clear();
    ifd.putLong(entries);
    entry(256, LONG, 1, width);
    entry(257, LONG, 1, height);
    entry(258, SHORT, 1, pixelType.bytes() * 8L);
    entry(259, SHORT, 1, 1); // no compression
    entry(262, SHORT, 1, 1); // black is zero
    if (first) {
      entry(270, ASCII, descriptionCount, descriptionOffset);
    }
    entry(273, LONG8, 1, pixelOffset);
    entry(277, SHORT, 1, 1);
    entry(278, LONG, 1, height);
    entry(279, LONG8, 1, planeBytes);
    entry(284, SHORT, 1, 1); // one plane per pixel (gray)
    if (first) {
      ifd.putShort((short) 305).putShort(ASCII).putLong(SOFTWARE.length).put(SOFTWARE);
    }
    entry(339, SHORT, 1, 1); // unsigned integer samples
    ifd.putLong(0); // last IFD until the next plane links to it
    ifd.flip();
    gather[0] = ifd;
    gather[1] = pixels;
    channel.position(ifdOffset);
    long total = ifd.remaining() + planeBytes;
    long written = 0;
    while (written < total) {
      written += channel.write(gather);
    }
    end = pixelOffset + planeBytes;
    end += end & 1;
    if (durable) {
      channel.force(false);
    }
    // link last, so that a reader never follows a pointer to an incomplete plane
    link.clear();
    link.putLong(ifdOffset).flip();
    writeFully(link, nextPointer);
    if (first) {
      firstIfd = ifdOffset;
    }
    nextPointer = ifdOffset + ifdSize(entries) - 8;
    planes++;
  }

  private void entry(int tag, short type, long count, long value) {
    ifd.putShort((short) tag).putShort(type).putLong(count);
    if (type == SHORT) {
      ifd.putShort((short) value).putShort((short) 0).putInt(0);
    } else if (type == LONG) {
      ifd.putInt((int) value).putInt(0);
    } else {
      ifd.putLong(value);
    }
  }

  /** Forces everything written so far to the storage device. */
  public void force() throws IOException {
    channel.force(false);
  }

  /** Something that writes a description as ASCII text. */
  @FunctionalInterface
  public interface DescriptionSource {
    /** Writes the description to {@code out}. */
    void writeTo(Writer out) throws IOException;
  }

  /**
   * Appends a new ImageDescription for the first IFD, written by {@code source} (streamed, so its
   * size is not limited by memory), and points the first IFD at it. Does nothing without planes.
   *
   * @return the length of the description in bytes, or 0 without planes
   */
  public long replaceDescription(DescriptionSource source) throws IOException {
    if (planes == 0) {
      return 0;
    }
    long start = end;
    channel.position(start);
    Writer out =
        new BufferedWriter(
            new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.US_ASCII),
            1 << 16);
    source.writeTo(out);
    out.write('\0');
    out.flush(); // not close: that would close the channel
    long count = channel.position() - start;
    end = channel.position();
    ByteBuffer patch = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    patch.putLong(count).putLong(start).flip();
    // the ImageDescription entry is the sixth of the first IFD; count at +4, offset at +12
    writeFully(patch, firstIfd + 8 + 5L * ENTRY + 4);
    descriptionOffset = start;
    descriptionCount = count;
    return count - 1;
  }

  private void writeFully(ByteBuffer b, long position) throws IOException {
    long p = position;
    while (b.hasRemaining()) {
      p += channel.write(b, p);
    }
  }

  /** Size of the file in bytes. */
  public long size() {
    return end;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
