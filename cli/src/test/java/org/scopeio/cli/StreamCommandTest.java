package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamCommandTest {
  @TempDir Path dir;
  CliTest cli;
  Path capture;

  @BeforeEach
  void simulateACapture() {
    cli = new CliTest();
    cli.dir = dir;
    capture = dir.resolve("cap.bin");
    CliTest.Result r =
        cli.run(
            "simulate", "stream", capture.toString(), "--frames", "12", "--fault", "misaligned");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith("Wrote " + capture + ": 12 frames of 200x200 (wireless-200px), 96 buffers, ");
  }

  @Test
  void decodeWritesFramesAndMiosFifteenColumnCsv() throws Exception {
    Path stem = dir.resolve("d");
    CliTest.Result r =
        cli.run(
            "stream",
            "decode",
            capture.toString(),
            "--out",
            stem.toString(),
            "--format",
            "raw,csv");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Recorded 12 frames from stream")
        .contains("buffers: 96 split, 96 kept, 0 rejected");
    assertThat(Path.of(stem + ".raw")).hasSize(12 * 200 * 200);
    List<String> csv = Files.readAllLines(Path.of(stem + ".csv"));
    assertThat(csv.get(0))
        .isEqualTo(
            "linked_list,frame_num,buffer_count,frame_buffer_count,write_buffer_count,"
                + "dropped_buffer_count,timestamp,pixel_count,write_timestamp,battery_voltage_raw,"
                + "input_voltage_raw,buffer_recv_index,buffer_recv_unix_time,black_padding_px,"
                + "reconstructed_frame_index,suspect_px,recovered");
    assertThat(csv).hasSize(1 + 96);
    for (int i = 1; i <= 96; i++) {
      String[] f = csv.get(i).split(",");
      assertThat(f).hasSize(17); // mio's 15, then suspect_px and recovered
      assertThat(f[15]).isEqualTo("0");
      assertThat(f[16]).isEqualTo("0");
      assertThat(Long.parseLong(f[11])).isEqualTo(i - 1); // buffer_recv_index without gaps
      assertThat(Long.parseLong(f[14])).isEqualTo((i - 1) / 8); // reconstructed_frame_index
    }
    assertThat(Files.readString(Path.of(stem + ".csv"))).contains("\r\n");
  }

  @Test
  void captureFromAFileSavesTheExactBytesReceived() throws Exception {
    Path stem = dir.resolve("c");
    CliTest.Result r =
        cli.run(
            "stream",
            "capture",
            "--source",
            "file:" + capture,
            "--out",
            stem.toString(),
            "--binary");
    assertThat(r.code()).isZero();
    assertThat(Files.readAllBytes(Path.of(stem + ".bin"))).isEqualTo(Files.readAllBytes(capture));
    assertThat(r.out()).contains("  capture    " + stem + ".bin");
  }

  @Test
  void captureFromTheSimulatedSource() {
    CliTest.Result r =
        cli.run(
            "stream",
            "capture",
            "--source",
            "simulated",
            "--pacing",
            "as-fast-as-possible",
            "--frames",
            "20",
            "--out",
            dir.resolve("s").toString(),
            "--format",
            "raw",
            "--fault",
            "dropped-buffer");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Recorded 20 frames from stream", "missing    1 buffers");
  }

  @Test
  void badSourcesAndMissingFilesAreClearErrors() {
    CliTest.Result bad =
        cli.run("stream", "capture", "--source", "tcp:x", "--out", dir.resolve("x").toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err())
        .contains("expected file:PATH, serial:PORT[@BAUD] or usb:VID:PID[:ENDPOINT]");
    CliTest.Result missing =
        cli.run(
            "stream",
            "decode",
            dir.resolve("none.bin").toString(),
            "--out",
            dir.resolve("y").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("none.bin: no such capture file");
    CliTest.Result noBaud =
        cli.run(
            "stream",
            "capture",
            "--source",
            "serial:/dev/ttyNONE",
            "--out",
            dir.resolve("z").toString());
    assertThat(noBaud.code()).isEqualTo(1);
    assertThat(noBaud.err())
        .contains("no baud rate: give serial:PORT@BAUD or 'baudrate' in the config");
  }
}
