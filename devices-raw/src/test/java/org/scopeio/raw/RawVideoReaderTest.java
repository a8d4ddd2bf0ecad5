package org.scopeio.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.scopeio.api.FormatException;
import org.scopeio.api.Frame;
import org.scopeio.api.WriterOptions;
import org.scopeio.writers.RawWriter;
import org.scopeio.writers.TestFrames;

class RawVideoReaderTest {
  private static final int T = 3;
  private static final int R = 4;
  private static final int C = 5;
  private static final int CH = 2;

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"uint8, 96, 64", "uint16, 40, 72"})
  void readsWhatTheRawWriterWroteWithItsSidecar(String type, int w, int h) throws Exception {
    TestFrames t = new TestFrames(w, h, type, 6);
    RawWriter writer = new RawWriter();
    writer.open(dir.resolve("run"), t.info, WriterOptions.defaults());
    t.frames.forEach(writer::write);
    writer.close();

    try (RawVideoReader r = RawVideoReader.open(dir.resolve("run.raw"))) {
      assertThat(r.numSamples()).isEqualTo(6);
      assertThat(r.imageShape()).containsExactly(h, w);
      assertThat(r.volumeShape()).containsExactly(6, h, w, 1);
      assertThat(r.dtype().type())
          .isEqualTo(type.equals("uint8") ? SampleType.UINT8 : SampleType.UINT16);
      assertThat(r.samplingFrequency()).isEqualTo(t.info.frameRate());
      assertThat(r.partialFrameBytes()).isZero();
      VideoSamples s = r.series(2, 5);
      assertThat(s.shape()).containsExactly(3, h, w, 1);
      for (int k = 0; k < 3; k++) {
        Frame f = t.frames.get(2 + k);
        for (int row = 0; row < h; row += 7) {
          for (int col = 0; col < w; col += 5) {
            assertThat(s.get(k, row, col, 0)).isEqualTo(f.pixel(row, col));
          }
        }
      }
      double[] ts = r.nativeTimestamps();
      assertThat(ts).hasSize(6);
      assertThat(ts[4]).isEqualTo(t.frames.get(4).deviceTimestampMillis().orElseThrow() / 1e3);
    }
  }

  /** Every order of (frames, rows, columns, channels) in the file, with several dtypes. */
  static Stream<Arguments> layouts() {
    List<Arguments> out = new ArrayList<>();
    String[] dtypes = {"uint8", "<u2", ">u2", ">f4", "<i4", ">f8"};
    int k = 0;
    for (int[] perm : permutations(new int[] {0, 1, 2, 3})) {
      out.add(Arguments.of(perm, dtypes[k % dtypes.length], (k % 2) * 17));
      k++;
    }
    return out.stream();
  }

  @ParameterizedTest(name = "file axes {0}, dtype {1}, offset {2}")
  @MethodSource("layouts")
  void everyAxisOrderReadsBackInTimeRowsColumnsChannelsOrder(int[] perm, String dtype, int offset)
      throws Exception {
    // perm[a] names the logical dimension (0 frames, 1 rows, 2 columns, 3 channels) of file axis a
    RawDtype d = RawDtype.parse(dtype);
    Path file = dir.resolve("layout.bin");
    writeLayout(file, perm, d, offset);
    int[] axisOf = new int[4];
    for (int a = 0; a < 4; a++) {
      axisOf[perm[a]] = a;
    }
    VideoStructure s =
        new VideoStructure(R, C, CH, 1, axisOf[0], axisOf[1], axisOf[2], axisOf[3], -1);
    try (RawVideoReader r = RawVideoReader.open(file, s, d, offset, 30.0)) {
      assertThat(r.numSamples()).isEqualTo(T);
      assertThat(r.volumeShape()).containsExactly(T, R, C, CH);
      assertThat(r.nativeTimestamps()).isNull();
      VideoSamples all = r.series(0, T);
      VideoSamples tail = r.series(1, T);
      for (int t = 0; t < T; t++) {
        for (int row = 0; row < R; row++) {
          for (int col = 0; col < C; col++) {
            for (int ch = 0; ch < CH; ch++) {
              assertThat(all.get(t, row, col, ch)).isEqualTo(value(t, row, col, ch));
              if (t > 0) {
                assertThat(tail.get(t - 1, row, col, ch)).isEqualTo(value(t, row, col, ch));
              }
            }
          }
        }
      }
      assertThat(all.data().order()).isEqualTo(d.order());
    }
  }

  @Test
  void planesAreAFifthAxis() throws Exception {
    // file order: planes, frames, channels, rows, columns; 2 planes, 1 channel
    int planes = 2;
    Path file = dir.resolve("planes.bin");
    ByteBuffer b = ByteBuffer.allocate(planes * T * R * C * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int p = 0; p < planes; p++) {
      for (int t = 0; t < T; t++) {
        for (int row = 0; row < R; row++) {
          for (int col = 0; col < C; col++) {
            b.putShort((short) (p * 5000 + t * 1000 + row * 10 + col));
          }
        }
      }
    }
    Files.write(file, b.array());
    VideoStructure s = new VideoStructure(R, C, 1, planes, 1, 3, 4, 2, 0);
    try (RawVideoReader r = RawVideoReader.open(file, s, RawDtype.parse("<u2"), 0, 10)) {
      assertThat(r.volumeShape()).containsExactly(T, R, C, planes, 1);
      VideoSamples v = r.series(0, T);
      assertThat(v.shape()).containsExactly(T, R, C, planes, 1);
      assertThat(v.get(2, 3, 4, 1, 0)).isEqualTo(5000 + 2000 + 34);
      assertThat(v.get(1, 0, 2, 0, 0)).isEqualTo(1002);
    }
  }

  @Test
  void aFileOverTwoGibibytesIsReadAtItsEndInBothLayouts() throws Exception {
    // sparse files: only the frames read at the end are written
    int side = 608;
    long frameBytes = side * side * 2L;
    long frames = (5L << 29) / frameBytes + 1; // just over 2.5 GiB
    Path file = dir.resolve("big.bin");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(frames * frameBytes);
      for (long k : new long[] {1452, frames - 1}) { // 1452 straddles the 1 GiB window boundary
        ByteBuffer b = ByteBuffer.allocate((int) frameBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < side * side; i++) {
          b.putShort((short) (k + i));
        }
        f.seek(k * frameBytes);
        f.write(b.array());
      }
    }
    try (RawVideoReader r =
        RawVideoReader.open(
            file, VideoStructure.framesFirst(side, side, 1), RawDtype.parse("<u2"), 0, 20)) {
      assertThat(r.numSamples()).isEqualTo(frames);
      for (long k : new long[] {1452, frames - 1}) {
        VideoSamples s = r.series(k, k + 1);
        assertThat(s.get(0, 0, 0, 0)).isEqualTo((int) (k & 0xFFFF));
        assertThat(s.get(0, side - 1, side - 1, 0))
            .isEqualTo((int) ((k + side * side - 1) & 0xFFFF));
      }
      assertThat(r.series(frames / 2, frames / 2 + 1).get(0, 5, 5, 0)).isZero();
    }

    // frames last: (rows, columns, frames) of 4x4 uint8, so every frame spans the whole file
    Path spread = dir.resolve("spread.bin");
    long n = (5L << 29) / 16 + 3;
    try (RandomAccessFile f = new RandomAccessFile(spread.toFile(), "rw")) {
      f.setLength(16 * n);
      for (int px = 0; px < 16; px++) {
        f.seek(px * n + (n - 1)); // the last frame's pixel px
        f.write(100 + px);
      }
    }
    VideoStructure framesLast = new VideoStructure(4, 4, 1, 1, 2, 0, 1, 3, -1);
    try (RawVideoReader r = RawVideoReader.open(spread, framesLast, RawDtype.parse("u1"), 0, 20)) {
      assertThat(r.numSamples()).isEqualTo(n);
      VideoSamples last = r.series(n - 1, n);
      for (int px = 0; px < 16; px++) {
        assertThat(last.get(0, px / 4, px % 4, 0)).isEqualTo(100 + px);
      }
    }
  }

  @Test
  void aTrailingPartialFrameIsReportedOrRefusedWhenTheLayoutBecomesAmbiguous() throws Exception {
    Path file = dir.resolve("cut.bin");
    Files.write(file, new byte[8 + 3 * 20 + 7]);
    VideoStructure s = VideoStructure.framesFirst(4, 5, 1);
    try (RawVideoReader r = RawVideoReader.open(file, s, RawDtype.parse("uint8"), 8, 20)) {
      assertThat(r.numSamples()).isEqualTo(3);
      assertThat(r.partialFrameBytes()).isEqualTo(7);
    }
    VideoStructure framesLast = new VideoStructure(4, 5, 1, 1, 3, 0, 1, 2, -1);
    assertThatThrownBy(() -> RawVideoReader.open(file, framesLast, RawDtype.parse("uint8"), 8, 20))
        .isInstanceOf(FormatException.class)
        .hasMessage(
            file
                + " at byte offset 8: 67 bytes of samples are not a whole number of frames of 20"
                + " bytes; with frame_axis 3 (not 0) the layout of a cut file is ambiguous");
    assertThatThrownBy(() -> RawVideoReader.open(file, s, RawDtype.parse("uint8"), 100, 20))
        .isInstanceOf(FormatException.class)
        .hasMessage(
            file + " at byte offset 0: a header of 100 bytes, but the file has only 75 bytes");
    try (RawVideoReader r = RawVideoReader.open(file, s, RawDtype.parse("uint8"), 8, 20)) {
      assertThatThrownBy(() -> r.series(2, 4))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessage("frames 2 to 4 of " + file + ", which has 3");
    }
    assertThatThrownBy(() -> RawVideoReader.open(dir.resolve("cut.bin")))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("no sidecar cut.bin.json next to it");
  }

  @Test
  void badStructuresAndDtypesAreNamed() {
    assertThatThrownBy(() -> new VideoStructure(4, 5, 1, 1, 0, 0, 2, 3, -1))
        .hasMessage("rows_axis is 0, the same axis as frame_axis");
    assertThatThrownBy(() -> new VideoStructure(4, 5, 1, 1, 0, 1, 2, 4, -1))
        .hasMessage(
            "channel_axis is 4; a file with frames, rows, columns and channels has axes 0 to 3");
    assertThatThrownBy(() -> new VideoStructure(4, 5, 1, 3, 0, 1, 2, 3, -1))
        .hasMessage("num_planes is 3 but there is no plane_axis; give plane_axis too");
    assertThatThrownBy(() -> new VideoStructure(0, 5, 1, 1, 0, 1, 2, 3, -1))
        .hasMessage("num_rows must be positive, got 0");
    assertThatThrownBy(() -> RawDtype.parse("<u3"))
        .hasMessageStartingWith("unknown dtype '<u3'; expected a numpy dtype such as uint8");
    assertThat(RawDtype.parse(">u2").numpy()).isEqualTo(">u2");
    assertThat(RawDtype.parse("float32")).isEqualTo(RawDtype.of(SampleType.FLOAT32));
    assertThat(RawDtype.parse("|u1").numpy()).isEqualTo("|u1");
  }

  private static double value(int t, int r, int c, int ch) {
    return t * 60 + r * 12 + c * 2 + ch; // fits every dtype, distinct per sample
  }

  private static void writeLayout(Path file, int[] perm, RawDtype d, int offset) throws Exception {
    int[] size = {T, R, C, CH};
    int n = T * R * C * CH;
    ByteBuffer b = ByteBuffer.allocate(offset + n * d.type().bytes()).order(d.order());
    b.position(offset);
    int[] idx = new int[4];
    // iterate the file in C order over its axes
    for (int flat = 0; flat < n; flat++) {
      int rem = flat;
      for (int a = 3; a >= 0; a--) {
        idx[perm[a]] = rem % size[perm[a]];
        rem /= size[perm[a]];
      }
      double v = value(idx[0], idx[1], idx[2], idx[3]);
      switch (d.type()) {
        case UINT8, INT8 -> b.put((byte) v);
        case UINT16, INT16 -> b.putShort((short) v);
        case UINT32, INT32 -> b.putInt((int) v);
        case FLOAT32 -> b.putFloat((float) v);
        case FLOAT64 -> b.putDouble(v);
      }
    }
    Files.write(file, b.array());
  }

  private static List<int[]> permutations(int[] items) {
    List<int[]> out = new ArrayList<>();
    permute(items, 0, out);
    return out;
  }

  private static void permute(int[] a, int k, List<int[]> out) {
    if (k == a.length) {
      out.add(a.clone());
      return;
    }
    for (int i = k; i < a.length; i++) {
      int t = a[k];
      a[k] = a[i];
      a[i] = t;
      permute(a, k + 1, out);
      a[i] = a[k];
      a[k] = t;
    }
  }
}
