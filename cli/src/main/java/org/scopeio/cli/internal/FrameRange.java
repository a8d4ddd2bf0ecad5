package org.scopeio.cli.internal;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A range of frames written {@code START:END} (end exclusive), {@code START:} or {@code :END}.
 *
 * @param start first frame
 * @param end frame after the last, or -1 for "to the end"
 */
record FrameRange(long start, long end) {
  static final class Converter implements ITypeConverter<FrameRange> {
    @Override
    public FrameRange convert(String value) {
      int colon = value.indexOf(':');
      if (colon < 0) {
        throw new TypeConversionException(
            "'" + value + "' is not a frame range; use START:END (end exclusive), START: or :END");
      }
      try {
        String a = value.substring(0, colon).trim();
        String b = value.substring(colon + 1).trim();
        long start = a.isEmpty() ? 0 : Long.parseLong(a);
        long end = b.isEmpty() ? -1 : Long.parseLong(b);
        if (start < 0 || (!b.isEmpty() && end < 0)) {
          throw new TypeConversionException(
              "frame range '"
                  + value
                  + "' has a negative frame; frames count from 0, and leaving END out means"
                  + " 'to the end' (e.g. 10:)");
        }
        if (end >= 0 && end <= start) {
          throw new TypeConversionException(
              "frame range '" + value + "' is empty; END must be greater than START");
        }
        return new FrameRange(start, end);
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a frame range; use START:END (end exclusive), START: or :END");
      }
    }
  }
}
