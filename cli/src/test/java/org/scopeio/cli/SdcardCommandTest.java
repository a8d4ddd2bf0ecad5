package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdcardCommandTest {
  @TempDir Path dir;
  CliTest cli;
  Path card;

  @BeforeEach
  void simulateACard() {
    cli = new CliTest();
    cli.dir = dir;
    card = dir.resolve("card.img");
    CliTest.Result r =
        cli.run(
            "simulate",
            "sdcard",
            card.toString(),
            "--width",
            "64",
            "--height",
            "48",
            "--frames",
            "12",
            "--buffer-size",
            "1024",
            "--layout",
            "wirefree-sd-layout-battery",
            "--seed",
            "5");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "Wrote "
                + card
                + ": 12 frames of 64x48 (wirefree-sd-layout-battery), 48 buffers, 0 dropped, "
                + sizeOf(card)
                + " bytes\n");
  }

  static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void infoPrintsSettingsConfigFramesAndTheEnd() throws Exception {
    CliTest.Result r =
        cli.run("sdcard", "info", card.toString(), "--layout", "wirefree-sd-layout-battery");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("write keys    valid")
        .contains(
            "settings      gain 2, led 30, ewl 120, record_length 60, fs 20, delay_start 0, battery_cutoff 3300")
        .contains("recording     64 x 48 pixels at 20 fps, buffers of 1024 bytes")
        .contains("buffers       48 recorded, 0 dropped (config sector); 48 read")
        .contains("frames        12")
        .contains("data end      buffer count from the config sector reached");
    CliTest.Result j =
        cli.run(
            "sdcard", "info", card.toString(), "--layout", "wirefree-sd-layout-battery", "--json");
    JsonNode json = new ObjectMapper().readTree(j.out());
    assertThat(json.get("frame_count").asInt()).isEqualTo(12);
    assertThat(json.get("config").get("width").asInt()).isEqualTo(64);
    assertThat(json.get("end_reason").asText()).isEqualTo("buffer_limit");
  }

  @Test
  void convertWritesTheChosenFramesWithOneCsvRowPerBuffer() throws Exception {
    Path stem = dir.resolve("out/c");
    CliTest.Result r =
        cli.run(
            "sdcard",
            "convert",
            card.toString(),
            "--out",
            stem.toString(),
            "--layout",
            "wirefree-sd-layout-battery",
            "--format",
            "raw,csv",
            "--frames",
            "2:7");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Recorded 5 frames from sdcard");
    assertThat(Path.of(stem + ".raw")).hasSize(5 * 64 * 48);
    var lines = Files.readAllLines(Path.of(stem + ".csv"));
    assertThat(lines.get(0))
        .isEqualTo(
            "length,linked_list,frame_num,buffer_count,frame_buffer_count,write_buffer_count,"
                + "dropped_buffer_count,timestamp,data_length,write_timestamp,battery_voltage,"
                + "buffer_recv_index,buffer_recv_unix_time,black_padding_px,reconstructed_frame_index,"
                + "suspect_px,recovered");
    assertThat(lines).hasSize(1 + 5 * 4);
    assertThat(lines.get(1)).startsWith("11,3,2,8,0,8,0,1100,980,1109,174,");
    JsonNode meta = new ObjectMapper().readTree(Path.of(stem + ".raw.json").toFile());
    assertThat(meta.get("timestamps").get(0).get("index").asInt()).isEqualTo(2);
    assertThat(meta.get("timestamps").get(0).get("device_timestamp_ms").asInt()).isEqualTo(1100);
  }

  @Test
  void recordWithTheSdcardDeviceIsTheSameJob() {
    CliTest.Result r =
        cli.run(
            "record",
            "--device",
            "sdcard",
            "--config",
            "wirefree-sd-layout-battery",
            "-O",
            "image=" + card,
            "--out",
            dir.resolve("r").toString(),
            "--format",
            "raw");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Recorded 12 frames from sdcard", "ended by   end of data");
  }

  @Test
  void truncateRoundTrip() {
    Path small = dir.resolve("small.img");
    CliTest.Result r =
        cli.run(
            "sdcard",
            "truncate",
            card.toString(),
            small.toString(),
            "--frames",
            "5",
            "--layout",
            "wirefree-sd-layout-battery");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Wrote " + small + ": 5 frames, ");
    CliTest.Result info =
        cli.run("sdcard", "info", small.toString(), "--layout", "wirefree-sd-layout-battery");
    assertThat(info.out()).contains("frames        5", "data end      end of file");
    CliTest.Result again =
        cli.run(
            "sdcard",
            "truncate",
            card.toString(),
            small.toString(),
            "--frames",
            "5",
            "--layout",
            "wirefree-sd-layout-battery");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("exists; refusing to overwrite it (use --force)");
    CliTest.Result tooMany =
        cli.run(
            "sdcard",
            "truncate",
            card.toString(),
            dir.resolve("x.img").toString(),
            "--frames",
            "13",
            "--layout",
            "wirefree-sd-layout-battery");
    assertThat(tooMany.code()).isEqualTo(2);
    assertThat(tooMany.err()).contains("--frames must be 0 to 12 (the frames on the card), got 13");
  }

  @Test
  void wrongLayoutsAndMissingCardsAreRuntimeErrors() {
    CliTest.Result missing = cli.run("sdcard", "info", dir.resolve("none.img").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err())
        .isEqualTo("scopeio: " + dir.resolve("none.img") + ": no such SD card image or device\n");
    // the battery card read with the basic layout: its 11-word headers still parse, but the
    // basic layout has no battery fields; the frames are intact
    CliTest.Result basic = cli.run("sdcard", "info", card.toString());
    assertThat(basic.code()).isZero();
    CliTest.Result faults =
        cli.run(
            "simulate",
            "sdcard",
            dir.resolve("f.img").toString(),
            "--frames",
            "6",
            "--width",
            "32",
            "--height",
            "32",
            "--buffer-size",
            "1024",
            "--fault",
            "corrupt-header");
    assertThat(faults.code()).isZero();
    CliTest.Result conv =
        cli.run(
            "sdcard",
            "convert",
            dir.resolve("f.img").toString(),
            "--format",
            "raw",
            "--out",
            dir.resolve("f").toString());
    // the corrupt buffer is stepped over: every frame is there, one buffer of frame 3 missing
    assertThat(conv.code()).as(conv.err()).isZero();
    assertThat(conv.out())
        .contains("skipped    a corrupt buffer (buffer header data_length is 4294967280")
        .contains("  missing    1 buffers");
    assertThat(Path.of(dir.resolve("f") + ".raw")).hasSize(6 * 32 * 32);
    CliTest.Result badFault =
        cli.run("simulate", "sdcard", dir.resolve("g.img").toString(), "--fault", "gremlins");
    assertThat(badFault.code()).isEqualTo(1);
    assertThat(badFault.err()).contains("unknown SD card fault 'gremlins'");
  }
}
