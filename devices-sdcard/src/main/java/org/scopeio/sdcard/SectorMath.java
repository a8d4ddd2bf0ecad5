package org.scopeio.sdcard;

/**
 * Sector rounding of SD card buffers (docs/formats.md §3.5): a buffer of {@code L} header words and
 * {@code data_length} pixel bytes occupies whole 512-byte sectors, and the next buffer starts on
 * the following sector boundary.
 */
public final class SectorMath {
  /** Bytes per sector. */
  public static final int SECTOR = 512;

  private SectorMath() {}

  /** Sectors a buffer occupies: {@code ceil((dataLength + 4 * headerWords) / 512)}. */
  public static long sectors(long dataLength, int headerWords) {
    return (dataLength + 4L * headerWords + SECTOR - 1) / SECTOR;
  }

  /** Bytes to read after the header so that the next read starts on a sector boundary. */
  public static long readSize(long dataLength, int headerWords) {
    return SECTOR * sectors(dataLength, headerWords) - 4L * headerWords;
  }

  /** Bytes from a buffer's first header word to the next buffer's. */
  public static long span(long dataLength, int headerWords) {
    return SECTOR * sectors(dataLength, headerWords);
  }
}
