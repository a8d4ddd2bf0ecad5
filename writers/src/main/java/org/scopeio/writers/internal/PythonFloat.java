package org.scopeio.writers.internal;

import java.math.BigDecimal;
import java.util.Locale;

/** Formats doubles the way Python's {@code repr} does, so CSV files match mio's byte for byte. */
public final class PythonFloat {
  private PythonFloat() {}

  /** Shortest round-trip digits, positional for 1e-4 <= |v| < 1e16, like Python. */
  public static String repr(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    double a = Math.abs(v);
    BigDecimal d = new BigDecimal(Double.toString(v));
    if (a >= 1e-4 && a < 1e16) {
      String s = d.stripTrailingZeros().toPlainString();
      return s.indexOf('.') < 0 ? s + ".0" : s;
    }
    // scientific: mantissa digits, then e+XX / e-XX with at least two exponent digits
    BigDecimal stripped = d.stripTrailingZeros();
    String digits = stripped.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - stripped.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String sign = v < 0 ? "-" : "";
    String exp = String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
  }
}
