package org.scopeio.cli.internal;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for the command line's whole-number options, each with the range it accepts, so that
 * no number a user types can make a command allocate, write or wait without limit, and a bad one is
 * refused naming the option and the range (picocli puts the option's name in front).
 */
final class Bounded {
  private Bounded() {}

  /** A whole number from {@code min} to {@code max}. */
  abstract static class Range implements ITypeConverter<Long> {
    private final long min;
    private final long max;

    Range(long min, long max) {
      this.min = min;
      this.max = max;
    }

    @Override
    public Long convert(String value) {
      long n;
      try {
        n = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "expected a whole number from " + min + " to " + max + ", got '" + value + "'");
      }
      if (n < min || n > max) {
        throw new TypeConversionException(
            "expected a whole number from " + min + " to " + max + ", got " + n);
      }
      return n;
    }
  }

  /** {@link Range} for {@code int} fields. */
  abstract static class IntRange implements ITypeConverter<Integer> {
    private final Range range;

    IntRange(int min, int max) {
      this.range = new Range(min, max) {};
    }

    @Override
    public Integer convert(String value) {
      return range.convert(value).intValue();
    }
  }

  /** Frames to record or convert: 1 to 10^9. */
  static final class Frames extends Range {
    Frames() {
      super(1, 1_000_000_000L);
    }
  }

  /** Frames the simulator writes: 1 to 10^6. */
  static final class SimulatedFrames extends IntRange {
    SimulatedFrames() {
      super(1, 1_000_000);
    }
  }

  /** A frame side of the simulator: 1 to 4096 pixels. */
  static final class Side extends IntRange {
    Side() {
      super(1, 4096);
    }
  }

  /** Frames per second of the simulator: 1 to 1000. */
  static final class FrameRate extends IntRange {
    FrameRate() {
      super(1, 1000);
    }
  }

  /** Bytes of a full SD buffer: 64 to 16 MiB. */
  static final class BufferSize extends IntRange {
    BufferSize() {
      super(64, 1 << 24);
    }
  }

  /** Simulated neurons: 0 to 10000. */
  static final class Neurons extends IntRange {
    Neurons() {
      super(0, 10_000);
    }
  }

  /** Frames held in a hand-off queue: 1 to 4096. */
  static final class QueueSize extends IntRange {
    QueueSize() {
      super(1, 4096);
    }
  }

  /** A USB interface number: 0 to 255. */
  static final class UsbInterface extends IntRange {
    UsbInterface() {
      super(0, 255);
    }
  }

  /** Bytes per USB bulk transfer: 512 to 16 MiB. */
  static final class TransferSize extends IntRange {
    TransferSize() {
      super(512, 1 << 24);
    }
  }

  /** USB transfers kept submitted: 1 to 64. */
  static final class TransfersInFlight extends IntRange {
    TransfersInFlight() {
      super(1, 64);
    }
  }

  /** Frames to keep when truncating a card: 0 to 10^9. */
  static final class KeptFrames extends Range {
    KeptFrames() {
      super(0, 1_000_000_000L);
    }
  }
}
