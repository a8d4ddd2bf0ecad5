package org.scopeio.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV's number format against the JDK's own {@code %.6g}, which it replaces. */
class TelemetryCsvTest {
  private static String sixDigits(double v) {
    StringBuilder b = new StringBuilder();
    TelemetryCsv.appendSixDigits(b, v);
    return b.toString();
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {
        0.0,
        -0.0,
        1.0,
        -1.0,
        50.0,
        143.0,
        0.352888,
        13.4927,
        49.7439,
        0.0240163,
        176.0,
        100.0,
        0.0001,
        0.00009999995,
        0.0000999994,
        0.00001,
        1e-300,
        Double.MIN_VALUE,
        999999.4,
        999999.5,
        1e6,
        1234567.0,
        9.999995,
        9.9999949,
        0.5,
        1.0000005,
        1.0000015,
        2.5e-5,
        123456.5,
        Double.MAX_VALUE,
        1e21,
        1e100,
        -3.14159265,
        65535.0,
        4095.75,
        1e-5,
        0.001,
        12.0000049999
      })
  void writesWhatTheFormatterWrites(double v) {
    assertThat(sixDigits(v)).isEqualTo(String.format(Locale.ROOT, "%.6g", v));
  }

  @Test
  void writesNonFiniteValuesAsTheFormatterDoes() {
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThat(sixDigits(v)).isEqualTo(String.format(Locale.ROOT, "%.6g", v));
    }
  }

  @Test
  void agreesWithTheFormatterOnSeededRandomValuesOfEveryMagnitude() {
    SplittableRandom random = new SplittableRandom(20261129);
    for (int i = 0; i < 200_000; i++) {
      double v;
      switch (i % 4) {
        case 0: // telemetry-like magnitudes
          v = random.nextDouble(-1e4, 1e4);
          break;
        case 1: // values that sit on a rounding boundary of the sixth digit
          v = Math.round(random.nextDouble(1, 1e7)) / Math.pow(10, random.nextInt(0, 12)) + 5e-7;
          break;
        case 2: // any bit pattern that is a finite number
          v = Double.longBitsToDouble(random.nextLong());
          if (!Double.isFinite(v)) {
            continue;
          }
          break;
        default: // whole numbers and halves, as pixel statistics are
          v = random.nextInt(0, 1 << 20) / 2.0;
      }
      assertThat(sixDigits(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.6g", v));
    }
  }
}
