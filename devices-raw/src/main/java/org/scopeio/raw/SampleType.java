package org.scopeio.raw;

import java.nio.ByteBuffer;

/**
 * The numeric type of one sample of a raw video file (without byte order; see {@link RawDtype}).
 */
public enum SampleType {
  UINT8('u', 1),
  INT8('i', 1),
  UINT16('u', 2),
  INT16('i', 2),
  UINT32('u', 4),
  INT32('i', 4),
  FLOAT32('f', 4),
  FLOAT64('f', 8);

  private final char kind;
  private final int bytes;

  SampleType(char kind, int bytes) {
    this.kind = kind;
    this.bytes = bytes;
  }

  /** Bytes per sample. */
  public int bytes() {
    return bytes;
  }

  /** numpy's kind character: {@code u} unsigned, {@code i} signed, {@code f} floating point. */
  public char kind() {
    return kind;
  }

  /** numpy's name, e.g. {@code uint16} or {@code float32}. */
  public String numpyName() {
    return switch (kind) {
      case 'u' -> "uint" + bytes * 8;
      case 'i' -> "int" + bytes * 8;
      default -> "float" + bytes * 8;
    };
  }

  /** The sample at byte index {@code at} of {@code b} (in {@code b}'s byte order) as a double. */
  public double read(ByteBuffer b, int at) {
    return switch (this) {
      case UINT8 -> b.get(at) & 0xFF;
      case INT8 -> b.get(at);
      case UINT16 -> b.getShort(at) & 0xFFFF;
      case INT16 -> b.getShort(at);
      case UINT32 -> b.getInt(at) & 0xFFFF_FFFFL;
      case INT32 -> b.getInt(at);
      case FLOAT32 -> b.getFloat(at);
      case FLOAT64 -> b.getDouble(at);
    };
  }

  /** Smallest value of an integer type; for floats, {@code -Double.MAX_VALUE}. */
  public double min() {
    return switch (this) {
      case UINT8, UINT16, UINT32 -> 0;
      case INT8 -> Byte.MIN_VALUE;
      case INT16 -> Short.MIN_VALUE;
      case INT32 -> Integer.MIN_VALUE;
      case FLOAT32, FLOAT64 -> -Double.MAX_VALUE;
    };
  }

  /** Largest value of an integer type; for floats, {@code Double.MAX_VALUE}. */
  public double max() {
    return switch (this) {
      case UINT8 -> 255;
      case INT8 -> Byte.MAX_VALUE;
      case UINT16 -> 65535;
      case INT16 -> Short.MAX_VALUE;
      case UINT32 -> 4294967295.0;
      case INT32 -> Integer.MAX_VALUE;
      case FLOAT32, FLOAT64 -> Double.MAX_VALUE;
    };
  }
}
