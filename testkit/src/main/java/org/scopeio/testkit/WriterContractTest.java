package org.scopeio.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.Gap;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;
import org.scopeio.api.spi.WriterProvider;

/**
 * What every {@link FrameWriter} promises, as tests. Extend it with your provider:
 *
 * <pre>{@code
 * class MyFormatContractTest extends WriterContractTest {
 *   protected WriterProvider provider() { return new MyFormatProvider(); }
 *   // optional: read your files back, so that the round trip is checked
 *   protected List<Frame> readBack(Path stem, DeviceInfo info) { ... }
 * }
 * }</pre>
 *
 * Frames come from the simulated miniscope (non-square, with timestamps and buffer headers).
 */
public abstract class WriterContractTest {
  /** A fresh folder for each test. */
  @TempDir protected Path dir;

  /** The writer's provider. */
  protected abstract WriterProvider provider();

  /** The pixel types the writer stores (both by default). */
  protected Set<PixelType> pixelTypes() {
    return EnumSet.allOf(PixelType.class);
  }

  /**
   * The pixels of the frames written at {@code stem}, read back with the format's own reader, one
   * array of unsigned values per frame; {@code null} (the default) when there is none here.
   */
  protected List<int[]> readBack(Path stem, DeviceInfo info) throws Exception {
    return null;
  }

  /** Options of the tests: refuse to overwrite, {@code sync=none}. */
  protected WriterOptions options(OverwritePolicy policy) {
    return new WriterOptions(policy, Map.of("sync", "none"));
  }

  /** The buffer header format of {@link #frames}' frames (a wireless miniscope's words). */
  protected static final BufferHeaderFormat HEADERS =
      BufferHeaderFormat.of(
          "testkit-buffer-header",
          Map.of(
              BufferHeader.LINKED_LIST,
              0,
              BufferHeader.FRAME_NUM,
              1,
              BufferHeader.BUFFER_COUNT,
              2,
              BufferHeader.FRAME_BUFFER_COUNT,
              3,
              BufferHeader.TIMESTAMP,
              4,
              "pixel_count",
              5));

  /**
   * {@code count} frames of 24 x 16 pixels of {@code type}: a gradient that moves one column a
   * frame (every value of the type's range appears over the frames), device frame numbers and
   * timestamps 50 ms apart, host times 50 ms apart from now, and two buffer headers a frame.
   */
  protected static Recorded frames(PixelType type, int count) {
    int width = 24;
    int height = 16;
    DeviceInfo info =
        new DeviceInfo(
            "testkit",
            "test frames " + width + "x" + height + " " + type.id(),
            width,
            height,
            type,
            20.0,
            HEADERS,
            Map.of(),
            count,
            Pace.ON_DEMAND);
    long host = System.nanoTime();
    Instant wall = Instant.now();
    List<Frame> frames = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      Frame.Builder b =
          Frame.builder(width, height, type)
              .index(k)
              .deviceFrameNumber(k)
              .deviceTimestampMillis(1000 + 50L * k)
              .hostMonotonicNanos(host + 50_000_000L * k)
              .wallClock(wall.plusMillis(50L * k));
      int n = width * height;
      if (type == PixelType.UINT8) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
          p[i] = (byte) gradient(i % width + k, width, type);
        }
        b.pixels(p);
      } else {
        short[] p = new short[n];
        for (int i = 0; i < n; i++) {
          p[i] = (short) gradient(i % width + k, width, type);
        }
        b.pixels(p);
      }
      List<BufferHeader> headers = new ArrayList<>();
      for (int buffer = 0; buffer < 2; buffer++) {
        long[] words = {
          2L * k + buffer, k, 2L * k + buffer, buffer, 1000 + 50L * k, width * height / 2
        };
        headers.add(HEADERS.decode(words));
      }
      frames.add(b.headers(headers).build());
    }
    return new Recorded(info, frames);
  }

  private static int gradient(int column, int width, PixelType type) {
    return (int) ((long) (column % width) * type.maxValue() / (width - 1));
  }

  /**
   * A stream and its frames.
   *
   * @param info the stream
   * @param frames the frames
   */
  protected record Recorded(DeviceInfo info, List<Frame> frames) {}

  private static int[] pixels(Frame f) {
    int[] out = new int[f.pixelCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.pixelAt(i);
    }
    return out;
  }

  private PixelType anyType() {
    return pixelTypes().iterator().next();
  }

  @Test
  void openCreatesTheListedFilesAndCloseMayBeCalledTwice() throws Exception {
    Recorded r = frames(anyType(), 4);
    FrameWriter w = provider().create();
    assertThat(w.files()).isEmpty();
    Path stem = dir.resolve("sub/life");
    w.open(stem, r.info(), options(OverwritePolicy.FAIL_IF_EXISTS));
    assertThat(w.files()).isNotEmpty();
    r.frames().forEach(w::write);
    w.close();
    w.close();
    for (Path f : w.files()) {
      assertThat(f).exists();
      assertThat(f.getFileName().toString()).startsWith("life");
    }
    assertThatThrownBy(() -> w.write(r.frames().get(0))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void existingFilesAreNeverOverwrittenWithoutPermission() throws Exception {
    Recorded r = frames(anyType(), 2);
    Path stem = dir.resolve("twice");
    FrameWriter first = provider().create();
    first.open(stem, r.info(), options(OverwritePolicy.FAIL_IF_EXISTS));
    r.frames().forEach(first::write);
    first.close();
    List<Long> sizes = new ArrayList<>();
    for (Path f : first.files()) {
      sizes.add(Files.size(f));
    }
    FrameWriter second = provider().create();
    assertThatThrownBy(() -> second.open(stem, r.info(), options(OverwritePolicy.FAIL_IF_EXISTS)))
        .isInstanceOf(WriteException.class)
        .hasMessageContaining("twice")
        .hasMessageContaining("refusing to overwrite");
    for (int i = 0; i < sizes.size(); i++) {
      assertThat(Files.size(first.files().get(i))).isEqualTo(sizes.get(i));
    }
    FrameWriter third = provider().create();
    third.open(stem, r.info(), options(OverwritePolicy.OVERWRITE));
    third.write(r.frames().get(0));
    third.close();
  }

  @Test
  void aFrameOfAnotherShapeIsRefusedNamingTheFileAndFrame() throws Exception {
    Recorded r = frames(anyType(), 1);
    FrameWriter w = provider().create();
    w.open(dir.resolve("shape"), r.info(), options(OverwritePolicy.FAIL_IF_EXISTS));
    Frame.Builder b =
        Frame.builder(r.info().width() + 1, r.info().height(), r.info().pixelType())
            .index(7)
            .wallClock(Instant.EPOCH);
    int n = (r.info().width() + 1) * r.info().height();
    Frame wrong =
        r.info().pixelType() == PixelType.UINT8
            ? b.pixels(new byte[n]).build()
            : b.pixels(new short[n]).build();
    assertThatThrownBy(() -> w.write(wrong))
        .isInstanceOf(WriteException.class)
        .hasMessageContaining("shape")
        .hasMessageContaining("frame 7");
    w.close();
  }

  @Test
  void gapsAreRecordedWithoutDisturbingTheFrames() throws Exception {
    Recorded r = frames(anyType(), 6);
    Path stem = dir.resolve("gaps");
    FrameWriter w = provider().create();
    w.open(stem, r.info(), options(OverwritePolicy.FAIL_IF_EXISTS));
    for (int i = 0; i < 6; i++) {
      if (i == 3) {
        w.gap(Gap.of(2));
      }
      w.write(r.frames().get(i));
    }
    w.close();
    List<int[]> back = readBack(stem, r.info());
    if (back != null) {
      assertThat(back).hasSize(6);
      for (int i = 0; i < 6; i++) {
        assertThat(back.get(i)).as("frame " + i).isEqualTo(pixels(r.frames().get(i)));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(PixelType.class)
  void framesReadBackExactly(PixelType type) throws Exception {
    assumeTrue(pixelTypes().contains(type), "the writer does not store " + type.id());
    Recorded r = frames(type, 5);
    Path stem = dir.resolve("round-" + type.id());
    FrameWriter w = provider().create();
    w.open(stem, r.info(), options(OverwritePolicy.FAIL_IF_EXISTS));
    r.frames().forEach(w::write);
    w.close();
    List<int[]> back = readBack(stem, r.info());
    assumeTrue(back != null, "no reader for this format here");
    assertThat(back).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(back.get(i)).as("frame " + i).isEqualTo(pixels(r.frames().get(i)));
    }
  }

  @Test
  void anUnknownSettingOfTheFormatIsRefused() throws Exception {
    Recorded r = frames(anyType(), 1);
    String key = provider().format() + ".no-such-setting";
    WriterOptions bad = new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, Map.of(key, "1"));
    assertThatThrownBy(() -> provider().create().open(dir.resolve("bad"), r.info(), bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key);
  }
}
