package org.scopeio.examples.camera;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceException;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;

/**
 * The {@code packed10} camera: reads frames of RAW10-packed bytes (from a file, or made from a
 * moving test pattern) and unpacks them to 16-bit frames holding 10-bit values. Frames come as fast
 * as they are asked for; a file's last partial frame is reported as an error naming its offset. A
 * real camera would read from its driver here instead.
 */
public final class Packed10Camera implements Device {
  private final Packed10Config config;
  private final int pixels;
  private final byte[] packed;
  private InputStream file;
  private DeviceInfo info;
  private long next;
  private volatile long delivered;
  private volatile boolean closed;

  public Packed10Camera(Packed10Config config) {
    this.config = config;
    this.pixels = config.width() * config.height();
    this.packed = new byte[Raw10.packedBytes(pixels)];
  }

  @Override
  public java.util.Set<Path> inputs() {
    return config.source().startsWith("file:")
        ? java.util.Set.of(Path.of(config.source().substring(5)))
        : java.util.Set.of();
  }

  @Override
  public String type() {
    return "packed10";
  }

  @Override
  public synchronized DeviceInfo open() {
    if (info != null || closed) {
      throw new IllegalStateException("packed10 camera is already open or closed");
    }
    if (config.source().startsWith("file:")) {
      Path p = Path.of(config.source().substring(5));
      try {
        file = Files.newInputStream(p);
      } catch (IOException e) {
        throw new DeviceException("packed10 camera: cannot open " + p + ": " + e.getMessage(), e);
      }
    }
    info =
        new DeviceInfo(
            type(),
            "packed10 camera "
                + config.width()
                + "x"
                + config.height()
                + " RAW10 from "
                + config.source(),
            config.width(),
            config.height(),
            PixelType.UINT16,
            config.fs(),
            null,
            Map.of("bits", "10", "packing", "MIPI RAW10"),
            -1,
            Pace.ON_DEMAND);
    return info;
  }

  @Override
  public synchronized DeviceInfo info() {
    if (info == null) {
      throw new IllegalStateException("packed10 camera is not open");
    }
    return info;
  }

  @Override
  public synchronized Optional<FrameOrGap> next(Duration timeout) {
    if (closed) {
      return Optional.empty();
    }
    if (info == null) {
      throw new IllegalStateException("packed10 camera is not open");
    }
    if (!fill()) {
      return Optional.empty();
    }
    short[] out = new short[pixels];
    Raw10.unpack(packed, 0, out);
    Frame f =
        Frame.builder(config.width(), config.height(), PixelType.UINT16)
            .index(next)
            .adoptPixels(out)
            .deviceFrameNumber(next)
            .deviceTimestampMillis(Math.round(next * 1000 / config.fs()))
            .hostMonotonicNanos(System.nanoTime())
            .wallClock(Instant.now())
            .build();
    next++;
    delivered++;
    return Optional.of(f);
  }

  /** Puts the next frame's packed bytes into {@code packed}; false at the end. */
  private boolean fill() {
    if (file == null) {
      if (config.frames() > 0 && next >= config.frames()) {
        return false;
      }
      Raw10.pack(TestPattern.frame(config.width(), config.height(), next), packed, 0);
      return true;
    }
    try {
      int n = file.readNBytes(packed, 0, packed.length);
      if (n == 0) {
        return false;
      }
      if (n < packed.length) {
        throw new DeviceException(
            config.source()
                + " at byte offset "
                + next * packed.length
                + ": a partial frame of "
                + n
                + " bytes; a frame has "
                + packed.length);
      }
      return true;
    } catch (IOException e) {
      throw new DeviceException(config.source() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public DeviceCounters counters() {
    return new DeviceCounters(delivered, 0, 0, 0, 0);
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      try {
        if (file != null) {
          file.close();
        }
      } catch (IOException ignored) {
        // nothing left to do with the file
      }
    }
  }

  /** The test pattern: a diagonal gradient that moves one pixel a frame, 10-bit. */
  static final class TestPattern {
    private TestPattern() {}

    static short[] frame(int width, int height, long index) {
      short[] px = new short[width * height];
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          px[r * width + c] = (short) ((r * 4 + c * 2 + index * 8) % 1024);
        }
      }
      return px;
    }
  }
}
