package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.writers.RealReaders;

/** {@code --format mp4} and {@code --format ffv1} on every writing command. */
class CompressedVideoCommandTest {
  @TempDir Path dir;
  CliTest cli;

  @BeforeEach
  void setUp() {
    RealReaders.requireFfmpeg();
    cli = CliTest.in(dir);
  }

  private String out(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void recordWritesFfv1ThatDecodesToTheRawFramesAndMp4WithTheFrameCount() throws Exception {
    CliTest.Result r =
        cli.run(
            "record",
            "--out",
            out("rec"),
            "--format",
            "ffv1,mp4,raw",
            "-O",
            "frames=30",
            "-O",
            "pacing=as-fast-as-possible",
            "-W",
            "mp4.frames-per-file=20");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("rec.ffv1.mkv", "rec.ffv1.json", "rec_000.mp4", "rec_001.mp4", "rec.mp4.json");
    byte[] raw = Files.readAllBytes(dir.resolve("rec.raw"));
    assertThat(RealReaders.ffmpegDecode(dir.resolve("rec.ffv1.mkv"), "gray")).isEqualTo(raw);
    assertThat(RealReaders.ffprobe(dir.resolve("rec_000.mp4")).get("nb_read_frames").asInt())
        .isEqualTo(20);
    assertThat(RealReaders.ffprobe(dir.resolve("rec_001.mp4")).get("nb_read_frames").asInt())
        .isEqualTo(10);
  }

  @Test
  void sdcardConvertAndStreamDecodeWriteThemToo() throws Exception {
    String card = out("card.img");
    assertThat(cli.run("simulate", "sdcard", card, "--frames", "8").code()).isZero();
    CliTest.Result sd = cli.run("sdcard", "convert", card, "--out", out("sd"), "--format", "mp4");
    assertThat(sd.code()).as(sd.err()).isZero();
    assertThat(RealReaders.ffprobe(dir.resolve("sd.mp4")).get("nb_read_frames").asInt())
        .isEqualTo(8);
    String capture = out("cap.bin");
    assertThat(cli.run("simulate", "stream", capture, "--frames", "6").code()).isZero();
    CliTest.Result st =
        cli.run("stream", "decode", capture, "--out", out("st"), "--format", "ffv1,raw");
    assertThat(st.code()).as(st.err()).isZero();
    assertThat(RealReaders.ffmpegDecode(dir.resolve("st.ffv1.mkv"), "gray"))
        .isEqualTo(Files.readAllBytes(dir.resolve("st.raw")));
  }

  @Test
  void aMissingFfmpegIsAClearErrorAndOtherFormatsNeedNone() {
    CliTest.Result r =
        cli.run(
            "record",
            "--out",
            out("no"),
            "--format",
            "mp4",
            "-O",
            "frames=3",
            "-W",
            "mp4.ffmpeg=/opt/nowhere/ffmpeg");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(dir.resolve("no.mp4").toString())
        .contains("needs ffmpeg, which is not at /opt/nowhere/ffmpeg (set by mp4.ffmpeg)")
        .contains("apt-get install ffmpeg");
    CliTest.Result formats = cli.run("formats");
    assertThat(formats.out()).contains("mp4", "ffv1", "mp4.crf", "ffv1.container");
  }
}
