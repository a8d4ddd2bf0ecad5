package org.scopeio.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.Frame;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriterOptions;
import org.scopeio.config.ConfigStore;
import org.scopeio.core.Recording;
import org.scopeio.testkit.Drained;
import org.scopeio.writers.OmeTiffWriter;
import org.scopeio.writers.RawWriter;
import org.scopeio.writers.RealReaders;
import org.scopeio.writers.TestFrames;

class RawVideoDeviceTest {
  @TempDir Path dir;

  private final ConfigStore configs = new ConfigStore(null, getClass().getClassLoader());

  private Device device(String config, Map<String, String> options) {
    return DeviceRegistry.load(getClass().getClassLoader())
        .create("raw", new DeviceRequest(config, options, configs));
  }

  private static List<Frame> drain(Device d) throws InterruptedException {
    List<Frame> out = new ArrayList<>();
    for (Optional<Frame> f = Drained.nextFrame(d, Duration.ofSeconds(5));
        f.isPresent();
        f = Drained.nextFrame(d, Duration.ofSeconds(5))) {
      out.add(f.get());
    }
    return out;
  }

  @Test
  void playsOurRawFilesWithTheirTimestampsAndConvertsThemToOmeTiff() throws Exception {
    TestFrames t = new TestFrames(48, 32, "uint16", 7);
    RawWriter writer = new RawWriter();
    writer.open(dir.resolve("rec"), t.info, WriterOptions.defaults());
    t.frames.forEach(writer::write);
    writer.close();

    try (Device d =
        device(
            null,
            Map.of("file", dir.resolve("rec.raw").toString(), "pacing", "as-fast-as-possible"))) {
      DeviceInfo info = d.open();
      assertThat(info.width()).isEqualTo(48);
      assertThat(info.height()).isEqualTo(32);
      assertThat(info.pixelType()).isEqualTo(PixelType.UINT16);
      assertThat(info.frameRate()).isEqualTo(t.info.frameRate());
      assertThat(info.description()).contains("rec.raw (48x32 <u2, 7 frames)");
      List<Frame> frames = drain(d);
      assertThat(frames).hasSize(7);
      for (int i = 0; i < 7; i++) {
        assertThat(frames.get(i).pixels16()).isEqualTo(t.frames.get(i).pixels16());
        assertThat(frames.get(i).deviceTimestampMillis())
            .isEqualTo(t.frames.get(i).deviceTimestampMillis());
      }
      assertThat(d.counters().framesDelivered()).isEqualTo(7);
    }

    // raw -> OME-TIFF through the device
    try (Device d =
        device(
            null,
            Map.of("file", dir.resolve("rec.raw").toString(), "pacing", "as-fast-as-possible"))) {
      d.open();
      Recording.Summary s =
          new Recording(d, new OmeTiffWriter(), Recording.Limits.none(), Duration.ofSeconds(5))
              .run(dir.resolve("converted"), WriterOptions.defaults());
      assertThat(s.framesWritten()).isEqualTo(7);
    }
    JsonNode seen =
        RealReaders.tifffile(dir.resolve("converted.ome.tif"), dir.resolve("converted.xml"));
    assertThat(seen.get("shape")).hasToString("[7,32,48]");
    assertThat(seen.get("sha256").asText()).isEqualTo(TestFrames.sha256(t.frames));
  }

  @Test
  void aYamlConfigDescribesAnyLayoutWithTheFileRelativeToIt() throws Exception {
    // (rows, columns, frames) big-endian int16 after a 16-byte header, 2 channels, channel 1 played
    int rows = 3;
    int cols = 4;
    int frames = 5;
    ByteBuffer b =
        ByteBuffer.allocate(16 + rows * cols * frames * 2 * 2).order(ByteOrder.BIG_ENDIAN);
    b.position(16);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        for (int f = 0; f < frames; f++) {
          for (int ch = 0; ch < 2; ch++) {
            b.putShort((short) (ch == 1 ? -1000 + f * 100 + r * 10 + c : 7));
          }
        }
      }
    }
    Files.createDirectories(dir.resolve("data"));
    Files.write(dir.resolve("data/session.bin"), b.array());
    Files.writeString(
        dir.resolve("data/session.yaml"),
        String.join(
            "\n",
            "id: session-raw",
            "model: raw-video",
            "version: 0.1.0",
            "file: session.bin",
            "num_rows: 3",
            "num_columns: 4",
            "num_channels: 2",
            "rows_axis: 0",
            "columns_axis: 1",
            "frame_axis: 2",
            "channel_axis: 3",
            "dtype: '>i2'",
            "offset: 16",
            "sampling_frequency: 200.0",
            "channel: 1",
            ""));
    try (Device d = device(dir.resolve("data/session.yaml").toString(), Map.of())) {
      DeviceInfo info = d.open();
      assertThat(info.properties())
          .containsEntry("dtype", ">i2")
          .containsEntry("axes", "rows,columns,frames,channels")
          .containsEntry("scaling", "value + 32768");
      long t0 = System.nanoTime();
      List<Frame> out = drain(d); // real time at 200 Hz: 5 frames span at least 20 ms
      assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(20_000_000L);
      assertThat(out).hasSize(5);
      assertThat(out.get(4).pixel(2, 3)).isEqualTo(-1000 + 400 + 23 + 32768);
      assertThat(out.get(3).deviceTimestampMillis()).hasValue(15);
    }
  }

  @Test
  void floatSamplesAreScaledByTheValueRangeAndClippingIsCounted() throws Exception {
    ByteBuffer b = ByteBuffer.allocate(2 * 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putFloat(0f).putFloat(0.5f).putFloat(1.5f).putFloat(Float.NaN);
    Files.write(dir.resolve("f.bin"), b.array());
    Map<String, String> o =
        Map.of(
            "file", dir.resolve("f.bin").toString(),
            "num_rows", "2",
            "num_columns", "2",
            "dtype", "<f4",
            "pacing", "as-fast-as-possible",
            "value_range", "0:1");
    try (RawVideoDevice d = (RawVideoDevice) device(null, o)) {
      assertThat(d.open().properties())
          .containsEntry("scaling", "linear 0.0..1.0 -> 0..65535, clipped");
      Frame f = Drained.nextFrame(d, Duration.ofSeconds(1)).orElseThrow();
      assertThat(new int[] {f.pixelAt(0), f.pixelAt(1), f.pixelAt(2), f.pixelAt(3)})
          .containsExactly(0, 32768, 65535, 0);
      assertThat(d.clippedSamples()).isEqualTo(2);
      assertThat(f.deviceTimestampMillis()).isEmpty(); // no sampling frequency
    }
  }

  @Test
  void badConfigsAreRefusedWithTheKeyNamed() throws IOException {
    assertThatThrownBy(() -> device(null, Map.of("file", "x.bin", "num_rows", "2")))
        .hasMessageContaining("give num_rows and num_columns together");
    assertThatThrownBy(
            () -> device(null, Map.of("file", "x.bin", "num_rows", "2", "num_columns", "2")))
        .hasMessageContaining("dtype is needed with num_rows and num_columns");
    assertThatThrownBy(
            () ->
                device(
                    null,
                    Map.of(
                        "file",
                        "x.bin",
                        "num_rows",
                        "2",
                        "num_columns",
                        "2",
                        "dtype",
                        "<u2",
                        "rows_axis",
                        "0")))
        .hasMessageContaining("rows_axis is 0, the same axis as frame_axis");
    assertThatThrownBy(() -> device(null, Map.of("fps", "3")))
        .hasMessageContaining("fps")
        .hasMessageContaining("unknown option");
    Device missing = device(null, Map.of("file", dir.resolve("missing.raw").toString()));
    assertThatThrownBy(missing::open).hasMessageContaining("missing.raw: no such raw video file");
    Files.write(dir.resolve("none.raw"), new byte[64]);
    Device noSidecar = device(null, Map.of("file", dir.resolve("none.raw").toString()));
    assertThatThrownBy(noSidecar::open).hasMessageContaining("no sidecar none.raw.json");
  }
}
