package org.scopeio.raw;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A sample type with its byte order, written as numpy writes dtypes: {@code uint8}, {@code <u2},
 * {@code >u2}, {@code <f4}, {@code float64} (names without a byte-order character are
 * little-endian, numpy's native order on every platform Scopeio runs on; {@code |} and {@code =}
 * are accepted too).
 *
 * @param type the numeric type
 * @param order the byte order of multi-byte samples
 */
public record RawDtype(SampleType type, ByteOrder order) {
  public RawDtype {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(order, "order");
  }

  /** Little-endian {@code type}. */
  public static RawDtype of(SampleType type) {
    return new RawDtype(type, ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Parses a numpy dtype string.
   *
   * @throws IllegalArgumentException naming the string and the accepted forms
   */
  public static RawDtype parse(String dtype) {
    // numpy's kind letters are case-sensitive: 'u' is unsigned, 'U' a unicode string
    String s = dtype.trim();
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
      if (s.charAt(0) == '>') {
        order = ByteOrder.BIG_ENDIAN;
      }
      s = s.substring(1);
    }
    for (SampleType t : SampleType.values()) {
      if (s.equals(t.numpyName()) || s.equals("" + t.kind() + t.bytes())) {
        return new RawDtype(t, order);
      }
    }
    throw new IllegalArgumentException(
        "unknown dtype '"
            + dtype
            + "'; expected a numpy dtype such as uint8, uint16, <u2, >u2, int16, <i4, float32,"
            + " <f4, >f8");
  }

  /** numpy's string for this dtype, e.g. {@code <u2} or {@code |u1}. */
  public String numpy() {
    char o = type.bytes() == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
    return "" + o + type.kind() + type.bytes();
  }

  @Override
  public String toString() {
    return numpy();
  }
}
