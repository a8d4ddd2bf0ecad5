package org.scopeio.writers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;
import org.scopeio.simulator.CalciumScene;
import org.scopeio.simulator.SceneConfig;

/** MP4 and FFV1 through the real ffmpeg (installed by .ci/run), and ffmpeg failing. */
class FfmpegWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @BeforeEach
  void needsFfmpeg() {
    RealReaders.requireFfmpeg();
  }

  /** {@code count} frames of a simulated scene, {@code intervalMs} apart by the device clock. */
  static List<Frame> scene(PixelType type, int w, int h, int count, int intervalMs) {
    CalciumScene scene =
        new CalciumScene(new SceneConfig(w, h, type, 1000.0 / intervalMs, 3, 12, 60, 2, 1, 0.5));
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Frame.Builder b =
          Frame.builder(w, h, type).index(i).deviceTimestampMillis(1000L + i * intervalMs);
      b.hostMonotonicNanos(i * intervalMs * 1_000_000L);
      frames.add(
          type == PixelType.UINT8
              ? b.adoptPixels(scene.next8()).build()
              : b.adoptPixels(scene.next16()).build());
    }
    return frames;
  }

  /** A frame whose pixels run through every value of {@code type}, wrapping around. */
  static Frame ramp(PixelType type, int w, int h, long index) {
    int n = w * h;
    Frame.Builder b =
        Frame.builder(w, h, type).index(index).deviceTimestampMillis(1000 + 50 * index);
    if (type == PixelType.UINT8) {
      byte[] px = new byte[n];
      for (int i = 0; i < n; i++) {
        px[i] = (byte) i;
      }
      return b.pixels(px).build();
    }
    short[] px = new short[n];
    for (int i = 0; i < n; i++) {
      px[i] = (short) (i * 65535L / (n - 1));
    }
    return b.pixels(px).build();
  }

  static DeviceInfo info(PixelType type, int w, int h, double rate) {
    return new DeviceInfo(
        "test", "test scene", w, h, type, rate, null, Map.of(), -1, Pace.ON_DEMAND);
  }

  private FfmpegWriter write(
      FfmpegWriter.Codec codec,
      Path stem,
      DeviceInfo info,
      List<Frame> frames,
      Map<String, String> settings) {
    FfmpegWriter w = new FfmpegWriter(codec);
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("sync", "none");
    w.open(stem, info, new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, all));
    frames.forEach(w::write);
    w.close();
    return w;
  }

  /** The frames' pixels as ffmpeg's rawvideo gray or gray16le bytes. */
  static byte[] raw(List<Frame> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Frame f : frames) {
      ByteBuffer b = ByteBuffer.allocate((int) f.pixelBytes()).order(ByteOrder.LITTLE_ENDIAN);
      f.copyPixelsTo(b);
      out.writeBytes(b.array());
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @CsvSource({
    "UINT8, mkv, gray",
    "UINT16, mkv, gray16le",
    "UINT8, avi, gray",
    "UINT16, avi, gray16le"
  })
  void ffv1IsBitExactFor8And16BitFramesInBothContainers(
      PixelType type, String container, String pixFmt) throws Exception {
    List<Frame> frames = new ArrayList<>(scene(type, 96, 64, 29, 50));
    frames.add(ramp(type, 96, 64, 29)); // every value of the type's range appears
    Path stem = dir.resolve("arch");
    FfmpegWriter w =
        write(
            FfmpegWriter.Codec.FFV1,
            stem,
            info(type, 96, 64, 20),
            frames,
            Map.of("ffv1.container", container));
    Path video = dir.resolve("arch.ffv1." + container);
    assertThat(w.files()).containsExactly(video, dir.resolve("arch.ffv1.json"));
    JsonNode probe = RealReaders.ffprobe(video);
    assertThat(probe.get("codec_name").asText()).isEqualTo("ffv1");
    assertThat(probe.get("pix_fmt").asText()).isEqualTo(pixFmt);
    assertThat(probe.get("nb_read_frames").asInt()).isEqualTo(30);
    assertThat(RealReaders.ffmpegDecode(video, pixFmt)).isEqualTo(raw(frames));
    JsonNode side = JSON.readTree(dir.resolve("arch.ffv1.json").toFile());
    assertThat(side.get("complete").asBoolean()).isTrue();
    assertThat(side.get("frame_count").asInt()).isEqualTo(30);
    assertThat(side.get("encoder").get("codec").asText()).isEqualTo("ffv1");
    assertThat(side.get("ffmpeg").get("version").asText()).startsWith("ffmpeg version");
  }

  @Test
  void ffv1IsSmallerThanRawOnASimulatedScene() throws Exception {
    List<Frame> frames = scene(PixelType.UINT8, 200, 200, 40, 50);
    write(
        FfmpegWriter.Codec.FFV1,
        dir.resolve("small"),
        info(PixelType.UINT8, 200, 200, 20),
        frames,
        Map.of());
    long raw = 200L * 200 * 40;
    // the scene's shot and read noise are incompressible: FFV1 keeps about two thirds here
    assertThat(Files.size(dir.resolve("small.ffv1.mkv"))).isLessThan(raw * 3 / 4);
  }

  @Test
  void mp4HasTheFrameCountSizeAndDeviceRateWithASmallMeanError() throws Exception {
    // nominal 20 frames/s, but the device clock says 25: the file gets 25
    List<Frame> frames = scene(PixelType.UINT8, 128, 96, 50, 40);
    Path stem = dir.resolve("share");
    write(FfmpegWriter.Codec.MP4, stem, info(PixelType.UINT8, 128, 96, 20), frames, Map.of());
    Path video = dir.resolve("share.mp4");
    JsonNode probe = RealReaders.ffprobe(video);
    assertThat(probe.get("codec_name").asText()).isEqualTo("h264");
    assertThat(probe.get("pix_fmt").asText()).isEqualTo("yuvj420p"); // 4:2:0, full range
    assertThat(probe.get("width").asInt()).isEqualTo(128);
    assertThat(probe.get("height").asInt()).isEqualTo(96);
    assertThat(probe.get("nb_read_frames").asInt()).isEqualTo(50);
    assertThat(probe.get("r_frame_rate").asText()).isEqualTo("25/1");
    // the average counts the last frame at its encoded length: within 1 %
    assertThat(rate(probe.get("avg_frame_rate").asText()))
        .isCloseTo(25.0, org.assertj.core.data.Offset.offset(0.25));
    byte[] decoded = RealReaders.ffmpegDecode(video, "gray");
    byte[] original = raw(frames);
    assertThat(decoded).hasSize(original.length);
    double sum = 0;
    for (int i = 0; i < original.length; i++) {
      sum += Math.abs((decoded[i] & 0xFF) - (original[i] & 0xFF));
    }
    double meanError = sum / original.length;
    assertThat(meanError).as("mean absolute error in gray levels at CRF 18").isLessThan(3.0);
    // +faststart: the index (moov) comes before the data (mdat)
    String head =
        new String(
            Files.readAllBytes(video), 0, 4096, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(head.indexOf("moov")).isPositive().isLessThan(Math.max(head.indexOf("mdat"), 4096));
    JsonNode side = JSON.readTree(dir.resolve("share.mp4.json").toFile());
    assertThat(side.get("frame_rate").asDouble())
        .isCloseTo(25.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(side.get("frame_rate_source").asText()).isEqualTo("device");
    assertThat(side.get("files").get(0).get("frame_rate").asDouble())
        .isCloseTo(25.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(side.get("encoder").get("crf").asInt()).isEqualTo(18);
  }

  static double rate(String fraction) {
    String[] p = fraction.split("/");
    return Double.parseDouble(p[0]) / Double.parseDouble(p[1]);
  }

  @Test
  void sixteenBitFramesBecomeEightBitInMp4ByTheBitsSetting() throws Exception {
    List<Frame> frames = scene(PixelType.UINT16, 64, 48, 10, 50);
    write(
        FfmpegWriter.Codec.MP4,
        dir.resolve("deep"),
        info(PixelType.UINT16, 64, 48, 20),
        frames,
        Map.of("mp4.bits", "16", "mp4.crf", "0"));
    byte[] decoded = RealReaders.ffmpegDecode(dir.resolve("deep.mp4"), "gray");
    // CRF 0 is lossless and full-range luma is the gray value itself: exactly the high bytes
    for (int i = 0; i < 10; i++) {
      Frame f = frames.get(i);
      for (int p = 0; p < f.pixelCount(); p += 97) {
        assertThat(decoded[i * f.pixelCount() + p] & 0xFF).isEqualTo(f.pixelAt(p) >> 8);
      }
    }
    JsonNode side = JSON.readTree(dir.resolve("deep.mp4.json").toFile());
    assertThat(side.get("conversion").get("shift").asInt()).isEqualTo(8);
  }

  @Test
  void chunksRollOverExactlyAndTheSidecarHasTheirRanges() throws Exception {
    List<Frame> frames = scene(PixelType.UINT8, 48, 32, 25, 50);
    Path stem = dir.resolve("chunked");
    FfmpegWriter w =
        write(
            FfmpegWriter.Codec.FFV1,
            stem,
            info(PixelType.UINT8, 48, 32, 20),
            frames,
            Map.of("ffv1.frames-per-file", "10"));
    List<Path> videos =
        List.of(
            dir.resolve("chunked_000.ffv1.mkv"),
            dir.resolve("chunked_001.ffv1.mkv"),
            dir.resolve("chunked_002.ffv1.mkv"));
    assertThat(w.files())
        .containsExactly(
            videos.get(0), videos.get(1), videos.get(2), dir.resolve("chunked.ffv1.json"));
    int[] counts = {10, 10, 5};
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < 3; i++) {
      assertThat(RealReaders.ffprobe(videos.get(i)).get("nb_read_frames").asInt())
          .isEqualTo(counts[i]);
      all.writeBytes(RealReaders.ffmpegDecode(videos.get(i), "gray"));
    }
    assertThat(all.toByteArray()).isEqualTo(raw(frames));
    JsonNode sidecar = JSON.readTree(dir.resolve("chunked.ffv1.json").toFile());
    // how the files were made: this software; no command made them
    assertThat(sidecar.get("made_by").get("software").asText()).startsWith("Scopeio");
    assertThat(sidecar.get("made_by").get("command")).isEmpty();
    JsonNode files = sidecar.get("files");
    assertThat(files).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(files.get(i).get("file").asText())
          .isEqualTo(videos.get(i).getFileName().toString());
      assertThat(files.get(i).get("first_frame").asInt()).isEqualTo(10 * i);
      assertThat(files.get(i).get("frame_count").asInt()).isEqualTo(counts[i]);
    }
    // mp4 chunks the same way
    write(
        FfmpegWriter.Codec.MP4,
        dir.resolve("shared"),
        info(PixelType.UINT8, 48, 32, 20),
        frames,
        Map.of("mp4.frames-per-file", "20"));
    assertThat(RealReaders.ffprobe(dir.resolve("shared_000.mp4")).get("nb_read_frames").asInt())
        .isEqualTo(20);
    assertThat(RealReaders.ffprobe(dir.resolve("shared_001.mp4")).get("nb_read_frames").asInt())
        .isEqualTo(5);
  }

  @Test
  void withoutFfmpegOpenFailsSayingHowToInstallIt() {
    DeviceInfo info = info(PixelType.UINT8, 16, 16, 20);
    for (FfmpegWriter.Codec codec : FfmpegWriter.Codec.values()) {
      String key = codec.format() + ".ffmpeg";
      FfmpegWriter w = new FfmpegWriter(codec);
      assertThatThrownBy(
              () ->
                  w.open(
                      dir.resolve("none"),
                      info,
                      new WriterOptions(
                          OverwritePolicy.FAIL_IF_EXISTS, Map.of(key, "/no/such/ffmpeg"))))
          .isInstanceOf(WriteException.class)
          .hasMessageContaining(
              dir.resolve("none." + (codec == FfmpegWriter.Codec.MP4 ? "mp4" : "ffv1.mkv"))
                  .toString())
          .hasMessageContaining(
              "needs ffmpeg, which is not at /no/such/ffmpeg (set by " + key + ")")
          .hasMessageContaining("apt-get install ffmpeg");
    }
  }

  /**
   * A stand-in for ffmpeg: answers -version, then runs {@code body} with the output file as $out.
   */
  private Path fakeFfmpeg(String body) throws Exception {
    Path script = dir.resolve("fake-ffmpeg");
    Files.writeString(
        script,
        "#!/bin/sh\nif [ \"$1\" = -version ]; then echo 'ffmpeg version fake'; exit 0; fi\nfor a; do out=\"$a\"; done\n"
            + body
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  @Test
  void anEncoderThatFailsSurfacesAsAnExceptionNamingTheFileWithFfmpegsMessage() throws Exception {
    Path fake =
        fakeFfmpeg(
            "head -c 1000 > /dev/null; echo 'Error while encoding: fake encoder broke' >&2; exit 3");
    List<Frame> frames = scene(PixelType.UINT8, 64, 64, 200, 50);
    FfmpegWriter w = new FfmpegWriter(FfmpegWriter.Codec.MP4);
    w.open(
        dir.resolve("broken"),
        info(PixelType.UINT8, 64, 64, 20),
        new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, Map.of("mp4.ffmpeg", fake.toString())));
    assertThatThrownBy(() -> frames.forEach(w::write))
        .isInstanceOf(WriteException.class)
        .hasMessageContaining(dir.resolve("broken.mp4").toString())
        .hasMessageContaining("ffmpeg stopped (exit code 3)")
        .hasMessageContaining("fake encoder broke");
    w.close(); // after a failure: stops ffmpeg, does not throw again
  }

  @Test
  void anEncoderThatExitsWithAnErrorAtTheEndFailsTheClose() throws Exception {
    Path fake = fakeFfmpeg("cat > /dev/null; echo 'muxer failed at the end' >&2; exit 1");
    FfmpegWriter w = new FfmpegWriter(FfmpegWriter.Codec.FFV1);
    w.open(
        dir.resolve("late"),
        info(PixelType.UINT8, 8, 8, 20),
        new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, Map.of("ffv1.ffmpeg", fake.toString())));
    scene(PixelType.UINT8, 8, 8, 3, 50).forEach(w::write);
    assertThatThrownBy(w::close)
        .isInstanceOf(WriteException.class)
        .hasMessageContaining(dir.resolve("late.ffv1.mkv").toString())
        .hasMessageContaining("ffmpeg failed (exit code 1)")
        .hasMessageContaining("muxer failed at the end");
  }

  @Test
  void aSlowEncoderSlowsTheWriterCountingEveryWaitAndLosesNoFrame() throws Exception {
    // waits a second before reading, then writes how many bytes it got into the output file
    Path fake = fakeFfmpeg("sleep 1; wc -c > \"$out\"");
    int w = 512;
    int h = 512; // 256 KiB frames: 32 buffers, so frames 33 and on wait for the encoder
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      frames.add(
          Frame.builder(w, h, PixelType.UINT8)
              .index(i)
              .pixels(new byte[w * h])
              .deviceTimestampMillis(50L * i)
              .build());
    }
    FfmpegWriter writer =
        write(
            FfmpegWriter.Codec.FFV1,
            dir.resolve("slow"),
            info(PixelType.UINT8, w, h, 20),
            frames,
            Map.of("ffv1.ffmpeg", fake.toString()));
    assertThat(Files.readString(dir.resolve("slow.ffv1.mkv")).trim())
        .isEqualTo(Long.toString(60L * w * h));
    assertThat(writer.encoderWaits()).isPositive();
    JsonNode bp = JSON.readTree(dir.resolve("slow.ffv1.json").toFile()).get("back_pressure");
    assertThat(bp.get("waits").asLong()).isEqualTo(writer.encoderWaits());
    assertThat(bp.get("wait_ms").asLong()).isGreaterThan(500);
    assertThat(bp.get("buffers").asInt()).isEqualTo(32);
  }

  @Test
  void badSettingsAreRefusedAtOpen() {
    DeviceInfo info = info(PixelType.UINT8, 16, 16, 20);
    assertThatThrownBy(
            () ->
                new FfmpegWriter(FfmpegWriter.Codec.MP4)
                    .open(
                        dir.resolve("a"),
                        info,
                        new WriterOptions(
                            OverwritePolicy.FAIL_IF_EXISTS, Map.of("mp4.preset", "warp"))))
        .hasMessageContaining("setting 'mp4.preset' must be one of ultrafast");
    assertThatThrownBy(
            () ->
                new FfmpegWriter(FfmpegWriter.Codec.MP4)
                    .open(
                        dir.resolve("b"),
                        info,
                        new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, Map.of("mp4.crf", "52"))))
        .hasMessageContaining("setting 'mp4.crf' must be between 0 and 51, got 52");
    assertThatThrownBy(
            () ->
                new FfmpegWriter(FfmpegWriter.Codec.FFV1)
                    .open(
                        dir.resolve("c"),
                        info,
                        new WriterOptions(
                            OverwritePolicy.FAIL_IF_EXISTS, Map.of("ffv1.container", "mov"))))
        .hasMessageContaining("setting 'ffv1.container' must be one of mkv, avi, got 'mov'");
  }
}
