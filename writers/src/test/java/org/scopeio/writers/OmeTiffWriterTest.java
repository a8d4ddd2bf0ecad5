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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameIntegrity;
import org.scopeio.api.Gap;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;

class OmeTiffWriterTest {
  private static final WriterOptions FAST =
      new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, Map.of("sync", "none"));

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"uint8, 96, 64", "uint16, 40, 72", "uint8, 64, 64", "uint16, 50, 50"})
  void tifffileReadsTheFramesAsOmeAndTheXmlValidates(String type, int w, int h) throws Exception {
    TestFrames t = new TestFrames(w, h, type, 12);
    Path stem = dir.resolve("sub/run");
    OmeTiffWriter writer = new OmeTiffWriter();
    writer.open(stem, t.info, FAST);
    for (Frame f : t.frames) {
      writer.write(f);
    }
    writer.close();
    writer.close();
    assertThat(writer.files())
        .containsExactly(
            dir.resolve("sub/run.ome.tif"), dir.resolve("sub/run_frame_metadata.json"));
    assertThat(dir.resolve("sub/run_frame_metadata.jsonl")).doesNotExist();

    JsonNode seen = RealReaders.tifffile(dir.resolve("sub/run.ome.tif"), dir.resolve("ome.xml"));
    assertThat(seen.get("is_ome").asBoolean()).isTrue();
    assertThat(seen.get("is_bigtiff").asBoolean()).isTrue();
    assertThat(seen.get("kind").asText()).isEqualTo("ome");
    assertThat(seen.get("shape")).hasToString("[12," + h + "," + w + "]");
    assertThat(seen.get("dtype").asText()).isEqualTo(type);
    assertThat(seen.get("byteorder").asText()).isEqualTo("<");
    assertThat(seen.get("sha256").asText()).isEqualTo(TestFrames.sha256(t.frames));
    RealReaders.validateOmeXml(dir.resolve("ome.xml"));

    String xml = Files.readString(dir.resolve("ome.xml"));
    assertThat(xml)
        .contains("Type=\"" + type + "\"", "SizeX=\"" + w + "\"", "SizeY=\"" + h + "\"")
        .contains("SizeT=\"12\"", "<TiffData IFD=\"0\" PlaneCount=\"12\"/>");
    List<Double> deltas = deltaTs(xml);
    assertThat(deltas).hasSize(12);
    long t0 = t.frames.get(0).deviceTimestampMillis().orElseThrow();
    for (int i = 0; i < 12; i++) {
      long ti = t.frames.get(i).deviceTimestampMillis().orElseThrow();
      assertThat(deltas.get(i))
          .isCloseTo((ti - t0) / 1e3, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void theSidecarHoldsEveryFramesMetadataAndTheGapsAndDeltaTKeepsTheTrueTimes() throws Exception {
    DeviceInfo info = info(PixelType.UINT8, 20.0);
    Path stem = dir.resolve("gaps");
    OmeTiffWriter writer = new OmeTiffWriter();
    writer.open(stem, info, FAST);
    List<Frame> written = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      if (i == 4) {
        writer.gap(Gap.of(3)); // device frames 4, 5, 6 were lost
      }
      int device = i < 4 ? i : i + 3;
      Frame f =
          frame(i, device, 1000 + 50L * device, i == 2 ? new FrameIntegrity(1, 40, 0, 0, 0) : null);
      writer.write(f);
      written.add(f);
    }
    writer.gap(Gap.of(2)); // lost at the end
    writer.close();

    JsonNode json = new ObjectMapper().readTree(dir.resolve("gaps_frame_metadata.json").toFile());
    assertThat(json.get("complete").asBoolean()).isTrue();
    assertThat(json.get("image_file").asText()).isEqualTo("gaps.ome.tif");
    assertThat(json.get("frame_count").asLong()).isEqualTo(10);
    assertThat(json.get("frames_lost").asLong()).isEqualTo(5);
    assertThat(json.get("clock").asText()).isEqualTo("device");
    assertThat(json.get("nominal_frame_rate").asDouble()).isEqualTo(20.0);
    // 9 intervals written plus 3 lost ones over 600 ms: the device's true rate
    assertThat(json.get("measured_frame_rate").asDouble()).isCloseTo(20.0, within());
    assertThat(json.get("gaps"))
        .hasToString("[{\"before_frame\":4,\"count\":3},{\"before_frame\":10,\"count\":2}]");
    JsonNode frames = json.get("frames");
    assertThat(frames).hasSize(10);
    JsonNode f5 = frames.get(5);
    assertThat(f5.get("frame").asLong()).isEqualTo(5);
    assertThat(f5.get("index").asLong()).isEqualTo(5);
    assertThat(f5.get("device_frame_number").asLong()).isEqualTo(8);
    assertThat(f5.get("device_timestamp_ms").asLong()).isEqualTo(1400);
    assertThat(f5.get("host_monotonic_ns").asLong()).isEqualTo(written.get(5).hostMonotonicNanos());
    assertThat(f5.get("wall_clock").asText()).isEqualTo("2026-11-21T10:00:00.400Z");
    assertThat(frames.get(2).get("integrity"))
        .hasToString(
            "{\"missing_buffers\":1,\"padded_pixels\":40,\"excess_bytes\":0,\"suspect_pixels\":0,"
                + "\"recovered_buffers\":0}");

    JsonNode seen = RealReaders.tifffile(dir.resolve("gaps.ome.tif"), dir.resolve("ome.xml"));
    assertThat(seen.get("shape")).hasToString("[10,3,4]");
    assertThat(seen.get("sha256").asText()).isEqualTo(TestFrames.sha256(written));
    String xml = Files.readString(dir.resolve("ome.xml"));
    RealReaders.validateOmeXml(dir.resolve("ome.xml"));
    assertThat(deltaTs(xml)).containsExactly(0.0, 0.05, 0.1, 0.15, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6);
    assertThat(xml).contains("<M K=\"frames_lost\">5</M>", "TimeIncrement=\"0.05\"");
  }

  @Test
  void withoutDeviceTimestampsTheHostClockGivesDeltaT() throws Exception {
    DeviceInfo info = info(PixelType.UINT16, Double.NaN);
    OmeTiffWriter writer = new OmeTiffWriter();
    writer.open(dir.resolve("host"), info, FAST);
    for (int i = 0; i < 3; i++) {
      writer.write(
          Frame.builder(4, 3, PixelType.UINT16)
              .index(i)
              .pixels(new short[12])
              .hostMonotonicNanos(7_000_000_000L + i * 25_000_000L)
              .wallClock(Instant.parse("2026-11-21T10:00:00Z"))
              .build());
    }
    writer.close();
    JsonNode seen = RealReaders.tifffile(dir.resolve("host.ome.tif"), dir.resolve("ome.xml"));
    assertThat(seen.get("dtype").asText()).isEqualTo("uint16");
    String xml = Files.readString(dir.resolve("ome.xml"));
    assertThat(deltaTs(xml)).containsExactly(0.0, 0.025, 0.05);
    assertThat(xml).contains("TimeIncrement=\"0.025\"");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("host_frame_metadata.json").toFile());
    assertThat(json.get("clock").asText()).isEqualTo("host");
    assertThat(json.get("frames").get(1).get("device_timestamp_ms").isNull()).isTrue();
  }

  @Test
  void theFileIsALittleEndianBigTiffWhoseFramesAreLinkedAsTheyAreWritten() throws Exception {
    DeviceInfo info = info(PixelType.UINT8, 20.0);
    OmeTiffWriter writer = new OmeTiffWriter();
    writer.open(dir.resolve("live"), info, FAST);
    writer.write(frame(0, 0, 1000, null));
    writer.write(frame(1, 1, 1050, null));
    // before close: a valid chain of two pages, with a provisional (non-OME) description
    ByteBuffer b =
        ByteBuffer.wrap(Files.readAllBytes(dir.resolve("live.ome.tif")))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.get(0)).isEqualTo((byte) 'I');
    assertThat(b.get(1)).isEqualTo((byte) 'I');
    assertThat(b.getShort(2)).isEqualTo((short) 43);
    assertThat(b.getShort(4)).isEqualTo((short) 8);
    long ifd0 = b.getLong(8);
    long ifd1 = b.getLong((int) (ifd0 + 8 + b.getLong((int) ifd0) * 20));
    assertThat(ifd1).isGreaterThan(ifd0);
    assertThat(b.getLong((int) (ifd1 + 8 + b.getLong((int) ifd1) * 20))).isZero();
    JsonNode seen = RealReaders.tifffile(dir.resolve("live.ome.tif"), dir.resolve("ome.xml"));
    assertThat(seen.get("is_ome").asBoolean()).isFalse();
    assertThat(seen.get("shape")).hasToString("[2,3,4]");
    JsonNode provisional =
        new ObjectMapper().readTree(dir.resolve("live_frame_metadata.json").toFile());
    assertThat(provisional.get("complete").asBoolean()).isFalse();
    assertThat(Files.readAllLines(dir.resolve("live_frame_metadata.jsonl"))).hasSize(2);
    writer.close();
  }

  @Test
  void refusesToOverwriteAndRejectsMismatchedFramesAndUnknownSettings() throws Exception {
    DeviceInfo info = info(PixelType.UINT8, 20.0);
    Files.writeString(dir.resolve("taken.ome.tif"), "keep me");
    assertThatThrownBy(() -> new OmeTiffWriter().open(dir.resolve("taken"), info, FAST))
        .isInstanceOf(WriteException.class)
        .hasMessageContaining("taken.ome.tif")
        .hasMessageContaining("refusing to overwrite");
    assertThat(Files.readString(dir.resolve("taken.ome.tif"))).isEqualTo("keep me");

    OmeTiffWriter writer = new OmeTiffWriter();
    writer.open(dir.resolve("small"), info, FAST);
    Frame wrong =
        Frame.builder(5, 3, PixelType.UINT8)
            .pixels(new byte[15])
            .wallClock(Instant.EPOCH)
            .index(7)
            .build();
    assertThatThrownBy(() -> writer.write(wrong))
        .isInstanceOf(WriteException.class)
        .hasMessageContaining("small.ome.tif")
        .hasMessageContaining("frame 7")
        .hasMessageContaining("frame is 5x3 uint8 but the file holds 4x3 uint8");
    writer.close();

    WriterOptions bad =
        new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, Map.of("ome-tiff.compression", "lzw"));
    assertThatThrownBy(() -> new OmeTiffWriter().open(dir.resolve("bad"), info, bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown setting 'ome-tiff.compression' of format ome-tiff; known: none");
  }

  @Test
  void aFullDiskFailsAtOnceNamingTheFileAndFrameAndKeepsWhatWasWritten() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isWritable(Path.of("/dev/full")), "needs /dev/full (Linux) to simulate a full disk");
    DeviceInfo info = info(PixelType.UINT8, 20.0);
    WriterOptions overwrite = new WriterOptions(OverwritePolicy.OVERWRITE, Map.of("sync", "none"));
    Files.createSymbolicLink(dir.resolve("full.ome.tif"), Path.of("/dev/full"));
    assertThatThrownBy(() -> new OmeTiffWriter().open(dir.resolve("full"), info, overwrite))
        .isInstanceOf(WriteException.class)
        .hasMessageContaining("full.ome.tif")
        .hasMessageContaining("cannot create")
        .hasRootCauseMessage("No space left on device");

    // the disk of the metadata journal is full: the first frame fails, naming the journal
    Path journal = dir.resolve("late_frame_metadata.jsonl");
    Files.createSymbolicLink(journal, Path.of("/dev/full"));
    OmeTiffWriter writer = new OmeTiffWriter();
    writer.open(dir.resolve("late"), info, overwrite);
    assertThatThrownBy(() -> writer.write(frame(0, 0, 1000, null)))
        .isInstanceOf(WriteException.class)
        .hasMessageContaining("late_frame_metadata.jsonl")
        .hasMessageContaining("frame 0")
        .hasRootCauseMessage("No space left on device");
    Files.delete(journal);
    assertThatThrownBy(writer::close).isInstanceOf(WriteException.class);
    // the page written before the failure stays readable
    JsonNode seen = RealReaders.tifffile(dir.resolve("late.ome.tif"), dir.resolve("ome.xml"));
    assertThat(seen.get("pages").asInt()).isEqualTo(1);
    assertThat(seen.get("shape")).hasToString("[3,4]"); // tifffile squeezes a single page
  }

  static DeviceInfo info(PixelType type, double rate) {
    return new DeviceInfo(
        "test", "a 4x3 test stream", 4, 3, type, rate, null, Map.of(), -1, Pace.ON_DEMAND);
  }

  static Frame frame(long index, long device, long deviceMillis, FrameIntegrity integrity) {
    byte[] px = new byte[12];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (index * 16 + i);
    }
    return Frame.builder(4, 3, PixelType.UINT8)
        .index(index)
        .pixels(px)
        .deviceFrameNumber(device)
        .deviceTimestampMillis(deviceMillis)
        .hostMonotonicNanos(1_000_000L * deviceMillis + 17)
        .wallClock(Instant.parse("2026-11-21T10:00:00Z").plusMillis(deviceMillis - 1000))
        .integrity(integrity == null ? FrameIntegrity.COMPLETE : integrity)
        .build();
  }

  static List<Double> deltaTs(String xml) {
    List<Double> out = new ArrayList<>();
    Matcher m =
        Pattern.compile("<Plane TheZ=\"0\" TheC=\"0\" TheT=\"(\\d+)\" DeltaT=\"([^\"]+)\"")
            .matcher(xml);
    while (m.find()) {
      assertThat(Integer.parseInt(m.group(1))).isEqualTo(out.size());
      out.add(Double.parseDouble(m.group(2)));
    }
    return out;
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
