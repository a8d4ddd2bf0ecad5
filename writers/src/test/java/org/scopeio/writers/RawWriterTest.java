package org.scopeio.writers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.Gap;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;

class RawWriterTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"uint8, 96, 64", "uint16, 40, 72", "uint8, 1, 1"})
  void pixelsRoundTripByteForByteAndTheSidecarDescribesThem(String type, int w, int h)
      throws Exception {
    TestFrames t = new TestFrames(w, h, type, 5);
    Path stem = dir.resolve("sub/run");
    RawWriter writer = new RawWriter();
    writer.open(stem, t.info, WriterOptions.defaults());
    for (Frame f : t.frames) {
      writer.write(f);
    }
    writer.close();
    writer.close(); // twice is fine

    PixelType pt = PixelType.fromId(type);
    byte[] raw = Files.readAllBytes(dir.resolve("sub/run.raw"));
    assertThat(raw).hasSize(5 * w * h * pt.bytes());
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    for (Frame f : t.frames) {
      for (int row = 0; row < h; row++) {
        for (int col = 0; col < w; col++) {
          int v = pt == PixelType.UINT8 ? b.get() & 0xFF : b.getShort() & 0xFFFF;
          assertThat(v).isEqualTo(f.pixel(row, col));
        }
      }
    }

    JsonNode json = new ObjectMapper().readTree(dir.resolve("sub/run.raw.json").toFile());
    assertThat(json.get("width").asInt()).isEqualTo(w);
    assertThat(json.get("height").asInt()).isEqualTo(h);
    assertThat(json.get("pixel_type").asText()).isEqualTo(type);
    assertThat(json.get("byte_order").asText()).isEqualTo("little");
    assertThat(json.get("frame_count").asLong()).isEqualTo(5);
    assertThat(json.get("frame_rate").asDouble()).isEqualTo(20.0);
    assertThat(json.get("offset").asLong()).isZero();
    assertThat(json.get("gaps")).isEmpty();
    JsonNode ts = json.get("timestamps");
    assertThat(ts).hasSize(5);
    for (int i = 0; i < 5; i++) {
      Frame f = t.frames.get(i);
      assertThat(ts.get(i).get("index").asLong()).isEqualTo(f.index());
      assertThat(ts.get(i).get("device_frame_number").asLong()).isEqualTo(i);
      assertThat(ts.get(i).get("device_timestamp_ms").asLong())
          .isEqualTo(f.deviceTimestampMillis().getAsLong());
      assertThat(ts.get(i).get("host_monotonic_ns").asLong()).isEqualTo(f.hostMonotonicNanos());
      assertThat(Instant.parse(ts.get(i).get("wall_clock").asText())).isEqualTo(f.wallClock());
    }
    assertThat(writer.files())
        .containsExactly(dir.resolve("sub/run.raw"), dir.resolve("sub/run.raw.json"));
    assertThat(dir.resolve("sub/run.raw.journal")).doesNotExist();
  }

  @Test
  void gapsAreListedWithTheFrameTheyPrecede() throws Exception {
    TestFrames t = new TestFrames(8, 4, "uint8", 3);
    RawWriter writer = new RawWriter();
    writer.open(dir.resolve("g"), t.info, WriterOptions.defaults());
    writer.gap(Gap.of(2));
    writer.write(t.frames.get(0));
    writer.write(t.frames.get(1));
    writer.gap(Gap.of(5));
    writer.write(t.frames.get(2));
    writer.close();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("g.raw.json").toFile());
    assertThat(json.get("gaps").toString())
        .isEqualTo("[{\"before_frame\":0,\"count\":2},{\"before_frame\":2,\"count\":5}]");
    assertThat(json.get("frame_count").asInt()).isEqualTo(3);
  }

  @Test
  void unknownDeviceFactsAreNull() throws Exception {
    DeviceInfo info =
        new DeviceInfo(
            "x", "x", 2, 1, PixelType.UINT8, Double.NaN, null, Map.of(), -1, Pace.ON_DEMAND);
    RawWriter writer = new RawWriter();
    writer.open(dir.resolve("n"), info, WriterOptions.defaults());
    writer.write(Frame.builder(2, 1, PixelType.UINT8).pixels(new byte[] {7, 8}).build());
    writer.close();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("n.raw.json").toFile());
    assertThat(json.get("frame_rate").isNull()).isTrue();
    assertThat(json.get("timestamps").get(0).get("device_frame_number").isNull()).isTrue();
    assertThat(json.get("timestamps").get(0).get("device_timestamp_ms").isNull()).isTrue();
    assertThat(Files.readAllBytes(dir.resolve("n.raw"))).containsExactly(7, 8);
  }

  @Test
  void aSidecarExistsFromTheStartSoACrashedRecordingStillDescribesItsPixels() throws Exception {
    TestFrames t = new TestFrames(8, 4, "uint16", 1);
    RawWriter writer = new RawWriter();
    writer.open(dir.resolve("c"), t.info, WriterOptions.defaults());
    writer.write(t.frames.get(0));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("c.raw.json").toFile());
    assertThat(json.get("pixel_type").asText()).isEqualTo("uint16");
    assertThat(Files.size(dir.resolve("c.raw"))).isEqualTo(64);
    assertThat(Files.size(dir.resolve("c.raw.journal"))).isEqualTo(44);
    writer.close();
  }

  @Test
  void existingFilesAreNotOverwrittenUnlessAllowed() throws Exception {
    TestFrames t = new TestFrames(4, 4, "uint8", 1);
    Files.writeString(dir.resolve("e.raw.json"), "keep");
    RawWriter writer = new RawWriter();
    assertThatThrownBy(() -> writer.open(dir.resolve("e"), t.info, WriterOptions.defaults()))
        .isInstanceOf(WriteException.class)
        .hasMessage(dir.resolve("e.raw.json") + ": exists; refusing to overwrite it (use --force)");
    assertThat(Files.readString(dir.resolve("e.raw.json"))).isEqualTo("keep");
    RawWriter again = new RawWriter();
    again.open(dir.resolve("e"), t.info, new WriterOptions(OverwritePolicy.OVERWRITE, Map.of()));
    again.write(t.frames.get(0));
    again.close();
    assertThat(Files.readString(dir.resolve("e.raw.json"))).contains("\"frame_count\" : 1");
  }

  @Test
  void framesOfAnotherShapeAreRefusedNamingFileAndFrame() throws Exception {
    TestFrames t = new TestFrames(4, 4, "uint8", 1);
    RawWriter writer = new RawWriter();
    writer.open(dir.resolve("s"), t.info, WriterOptions.defaults());
    Frame wrong = Frame.builder(4, 3, PixelType.UINT8).index(9).pixels(new byte[12]).build();
    assertThatThrownBy(() -> writer.write(wrong))
        .isInstanceOf(WriteException.class)
        .hasMessage(
            dir.resolve("s.raw") + " (frame 9): frame is 4x3 uint8 but the file holds 4x4 uint8")
        .satisfies(e -> assertThat(((WriteException) e).frameIndex()).isEqualTo(9));
    writer.close();
  }
}
