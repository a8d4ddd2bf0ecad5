package org.scopeio.writers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

class AviWriterTest {
  @TempDir Path dir;

  static WriterOptions options(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    m.put("sync", "none");
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, m);
  }

  @ParameterizedTest
  @CsvSource({"96, 64", "64, 64", "201, 151"})
  void ffmpegDecodesEveryFramePixelExactAtTheMeasuredRate(int w, int h) throws Exception {
    TestFrames t = new TestFrames(w, h, "uint8", 15);
    Path stem = dir.resolve("run");
    AviWriter writer = new AviWriter();
    writer.open(stem, t.info, options());
    t.frames.forEach(writer::write);
    writer.close();
    writer.close();
    assertThat(writer.files()).containsExactly(dir.resolve("run.avi"), dir.resolve("run.avi.json"));

    JsonNode probe = RealReaders.ffprobe(dir.resolve("run.avi"));
    assertThat(probe.get("codec_name").asText()).isEqualTo("rawvideo");
    assertThat(probe.get("codec_tag_string").asText()).isEqualTo("Y800");
    assertThat(probe.get("pix_fmt").asText()).isEqualTo("gray");
    assertThat(probe.get("width").asInt()).isEqualTo(w);
    assertThat(probe.get("height").asInt()).isEqualTo(h);
    assertThat(probe.get("nb_frames").asInt()).isEqualTo(15);
    assertThat(probe.get("nb_read_frames").asInt()).isEqualTo(15);
    double fps = t.info.frameRate();
    assertThat(probe.get("r_frame_rate").asText()).isEqualTo(rational(fps));
    assertThat(RealReaders.ffmpegGraySha256(dir.resolve("run.avi")))
        .isEqualTo(TestFrames.sha256(t.frames));

    JsonNode json = new ObjectMapper().readTree(dir.resolve("run.avi.json").toFile());
    assertThat(json.get("complete").asBoolean()).isTrue();
    assertThat(json.get("frame_count").asLong()).isEqualTo(15);
    assertThat(json.get("frame_rate").asDouble()).isEqualTo(fps);
    assertThat(json.get("frame_rate_source").asText()).isEqualTo("device");
    assertThat(json.get("files"))
        .hasToString("[{\"file\":\"run.avi\",\"first_frame\":0,\"frame_count\":15}]");
  }

  @Test
  void theHeaderRateIsTheMeasuredOneNotTheNominalOneAndGapsGoToTheSidecar() throws Exception {
    DeviceInfo info = info(PixelType.UINT8, 30.0); // nominal 30, but the device runs at 20
    AviWriter writer = new AviWriter();
    writer.open(dir.resolve("gaps"), info, options());
    List<Frame> written = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      if (i == 3) {
        writer.gap(Gap.of(2));
      }
      int device = i < 3 ? i : i + 2;
      Frame f = OmeTiffWriterTest.frame(i, device, 1000 + 50L * device, null);
      writer.write(f);
      written.add(f);
    }
    writer.close();
    JsonNode probe = RealReaders.ffprobe(dir.resolve("gaps.avi"));
    assertThat(probe.get("r_frame_rate").asText()).isEqualTo("20/1");
    assertThat(probe.get("nb_read_frames").asInt()).isEqualTo(8);
    assertThat(RealReaders.ffmpegGraySha256(dir.resolve("gaps.avi")))
        .isEqualTo(TestFrames.sha256(written));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("gaps.avi.json").toFile());
    assertThat(json.get("gaps")).hasToString("[{\"before_frame\":3,\"count\":2}]");
    assertThat(json.get("frames_lost").asLong()).isEqualTo(2);
    assertThat(json.get("frame_rate").asDouble()).isEqualTo(20.0);
  }

  @Test
  void rollsOverEveryNFramesIntoNumberedFilesThatEachReadBack() throws Exception {
    TestFrames t = new TestFrames(40, 30, "uint8", 10);
    AviWriter writer = new AviWriter();
    writer.open(dir.resolve("chunked"), t.info, options("avi.frames-per-file", "4"));
    t.frames.forEach(writer::write);
    writer.close();
    assertThat(writer.files())
        .containsExactly(
            dir.resolve("chunked_000.avi"),
            dir.resolve("chunked_001.avi"),
            dir.resolve("chunked_002.avi"),
            dir.resolve("chunked.avi.json"));
    int[] counts = {4, 4, 2};
    for (int i = 0; i < 3; i++) {
      Path part = writer.files().get(i);
      assertThat(RealReaders.ffprobe(part).get("nb_read_frames").asInt()).isEqualTo(counts[i]);
      assertThat(RealReaders.ffmpegGraySha256(part))
          .isEqualTo(TestFrames.sha256(t.frames.subList(4 * i, 4 * i + counts[i])));
    }
    JsonNode json = new ObjectMapper().readTree(dir.resolve("chunked.avi.json").toFile());
    assertThat(json.get("files").get(2))
        .hasToString("{\"file\":\"chunked_002.avi\",\"first_frame\":8,\"frame_count\":2}");
  }

  @Test
  void rollsOverBeforeTheSizeLimit() throws Exception {
    TestFrames t = new TestFrames(40, 30, "uint8", 7);
    long threeFrames = 224 + 3 * (8 + 1200) + 8 + 3 * 16;
    AviWriter writer = new AviWriter();
    writer.open(dir.resolve("big"), t.info, options("avi.max-file-bytes", "" + threeFrames));
    t.frames.forEach(writer::write);
    writer.close();
    assertThat(writer.files())
        .containsExactly(
            dir.resolve("big.avi"),
            dir.resolve("big_001.avi"),
            dir.resolve("big_002.avi"),
            dir.resolve("big.avi.json"));
    assertThat(Files.size(dir.resolve("big.avi"))).isEqualTo(threeFrames);
    assertThat(RealReaders.ffprobe(dir.resolve("big_002.avi")).get("nb_read_frames").asInt())
        .isEqualTo(1);
  }

  @Test
  void sixteenBitFramesAreShiftedByTheSignificantBitsAndClippingIsCounted() throws Exception {
    DeviceInfo info = info(PixelType.UINT16, 20.0);
    short[] px = new short[12];
    byte[] expected = new byte[12];
    for (int i = 0; i < 12; i++) {
      px[i] = (short) (i * 400); // 0 .. 4400: the last two exceed 12 bits
      expected[i] = i * 400 > 4095 ? (byte) 255 : (byte) ((i * 400) >> 4);
    }
    AviWriter writer = new AviWriter();
    writer.open(dir.resolve("deep"), info, options("avi.bits", "12"));
    writer.write(
        Frame.builder(4, 3, PixelType.UINT16)
            .pixels(px)
            .deviceTimestampMillis(5)
            .wallClock(Instant.EPOCH)
            .build());
    writer.close();
    assertThat(writer.clippedPixels()).isEqualTo(1);
    Frame gray =
        Frame.builder(4, 3, PixelType.UINT8).pixels(expected).wallClock(Instant.EPOCH).build();
    assertThat(RealReaders.ffmpegGraySha256(dir.resolve("deep.avi")))
        .isEqualTo(TestFrames.sha256(List.of(gray)));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("deep.avi.json").toFile());
    assertThat(json.get("conversion"))
        .hasToString(
            "{\"from\":\"uint16\",\"significant_bits\":12,\"shift\":4,\"clipped_pixels\":1}");
  }

  @Test
  void badSettingsAndExistingPartsAreRefusedBeforeAnythingIsWritten() throws Exception {
    DeviceInfo info = info(PixelType.UINT8, 20.0);
    assertThatThrownBy(
            () -> new AviWriter().open(dir.resolve("a"), info, options("avi.bits", "12")))
        .hasMessage("setting 'avi.bits' applies to 16-bit frames only");
    assertThatThrownBy(
            () -> new AviWriter().open(dir.resolve("a"), info, options("avi.frames-per-file", "0")))
        .hasMessage("setting 'avi.frames-per-file' must be positive, got 0");
    assertThatThrownBy(() -> new AviWriter().open(dir.resolve("a"), info, options("avi.fps", "3")))
        .hasMessage(
            "unknown setting 'avi.fps' of format avi; known: avi.bits, avi.frames-per-file,"
                + " avi.max-file-bytes");
    assertThatThrownBy(
            () ->
                new AviWriter()
                    .open(dir.resolve("a"), info, options("avi.max-file-bytes", "5000000000")))
        .hasMessageContaining("must be at most 4294967295 (4 GiB)");
    assertThat(dir).isEmptyDirectory();

    Files.writeString(dir.resolve("old_004.avi"), "from an earlier run");
    assertThatThrownBy(() -> new AviWriter().open(dir.resolve("old"), info, options()))
        .isInstanceOf(WriteException.class)
        .hasMessageContaining("old_004.avi")
        .hasMessageContaining("refusing to overwrite");
  }

  static DeviceInfo info(PixelType type, double rate) {
    return new DeviceInfo(
        "test", "a 4x3 test stream", 4, 3, type, rate, null, Map.of(), -1, Pace.ON_DEMAND);
  }

  private static String rational(double fps) {
    long r = Math.round(fps * 1000);
    long s = 1000;
    long a = r;
    long b = s;
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return (r / a) + "/" + (s / a);
  }
}
