package org.scopeio.api;

import java.util.Arrays;
import java.util.Locale;

/** Pixel storage of a {@link Frame}: unsigned 8-bit or unsigned 16-bit gray values. */
public enum PixelType {
  UINT8(1, 255),
  UINT16(2, 65535);

  private final int bytes;
  private final int maxValue;

  PixelType(int bytes, int maxValue) {
    this.bytes = bytes;
    this.maxValue = maxValue;
  }

  /** Bytes per pixel. */
  public int bytes() {
    return bytes;
  }

  /** Largest pixel value. */
  public int maxValue() {
    return maxValue;
  }

  /** The numpy-style name used in configs and sidecar files: {@code uint8} or {@code uint16}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #id()} (case-insensitive); the error lists the accepted names. */
  public static PixelType fromId(String id) {
    for (PixelType t : values()) {
      if (t.id().equalsIgnoreCase(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown pixel type '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(PixelType::id).toList());
  }
}
