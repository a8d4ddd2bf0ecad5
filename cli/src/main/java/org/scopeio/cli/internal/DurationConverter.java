package org.scopeio.cli.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations such as {@code 500ms}, {@code 10s}, {@code 1.5m}, {@code 2h} or {@code PT10S}.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  /** The longest duration accepted: a year and a day. */
  static final Duration LONGEST = Duration.ofDays(366);

  @Override
  public Duration convert(String value) {
    Duration d = parse(value);
    if (d.compareTo(LONGEST) > 0) {
      throw new TypeConversionException(
          "'" + value + "' is longer than the longest duration accepted, 366 days");
    }
    return d;
  }

  private static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(v);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      double millis =
          switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1e3;
            case "m" -> amount * 60e3;
            default -> amount * 3600e3;
          };
      if (millis <= 0) {
        throw new TypeConversionException("duration must be positive: '" + value + "'");
      }
      if (millis > LONGEST.toMillis()) {
        return LONGEST.plusMillis(1); // refused by convert, without overflowing
      }
      return Duration.ofNanos((long) (millis * 1e6));
    }
    try {
      Duration d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      if (d.isNegative() || d.isZero()) {
        throw new TypeConversionException("duration must be positive: '" + value + "'");
      }
      return d;
    } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration; use e.g. 500ms, 10s, 2m, 1h or PT10S");
    }
  }
}
