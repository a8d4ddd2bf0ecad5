package org.scopeio.writers;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriterOptions;
import org.scopeio.api.WriterRegistry;

/**
 * A recording process for the crash test: writes deterministic frames to the given formats until it
 * is killed, printing {@code written N} after frame N has been written.
 *
 * <p>Usage: {@code CrashRecorder <stem> <format,format,...>}
 */
public final class CrashRecorder {
  static final int WIDTH = 64;
  static final int HEIGHT = 48;

  /** The command line the recording says made it. */
  static final List<String> COMMAND = List.of("scopeio", "record", "--out", "killed run");

  private CrashRecorder() {}

  /** Frame {@code i} of the crash recording. */
  static Frame frame(long i) {
    byte[] px = new byte[WIDTH * HEIGHT];
    for (int r = 0; r < HEIGHT; r++) {
      for (int c = 0; c < WIDTH; c++) {
        px[r * WIDTH + c] = (byte) (i * 7 + r * 3 + c);
      }
    }
    return Frame.builder(WIDTH, HEIGHT, PixelType.UINT8)
        .index(i)
        .pixels(px)
        .deviceFrameNumber(i)
        .deviceTimestampMillis(1000 + 50 * i)
        .hostMonotonicNanos(System.nanoTime())
        .wallClock(Instant.now())
        .build();
  }

  static DeviceInfo info() {
    return new DeviceInfo(
        "crash-test",
        "frames until killed",
        WIDTH,
        HEIGHT,
        PixelType.UINT8,
        20.0,
        null,
        Map.of(),
        -1,
        Pace.ON_DEMAND);
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    List<String> formats = List.of(args[1].split(","));
    CompositeWriter writer =
        CompositeWriter.forFormats(
            WriterRegistry.load(CrashRecorder.class.getClassLoader()), formats);
    writer.open(
        Path.of(args[0]),
        info(),
        new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, Map.of("sync", "none"))
            .withCommand(COMMAND));
    for (long i = 0; ; i++) {
      writer.write(frame(i));
      out.println("written " + i);
      out.flush();
      Thread.sleep(2);
    }
  }
}
