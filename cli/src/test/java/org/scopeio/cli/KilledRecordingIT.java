package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.writers.RealReaders;

/**
 * {@code kill -9} during {@code scopeio record} to every format, then {@code scopeio repair}: every
 * file reads back to the last frame written, in the tools people use.
 */
class KilledRecordingIT {
  @TempDir Path dir;

  private List<String> java(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(System.getProperty("scopeio.jar"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void aRecordingKilledMidwayReadsBackAndRepairsToValidFiles() throws Exception {
    Process rec =
        new ProcessBuilder(
                java(
                    "record",
                    "--out",
                    "cut/run",
                    "--format",
                    "ome-tiff,avi,raw,csv",
                    "-O",
                    "fs=100",
                    "-O",
                    "frames=0",
                    "-O",
                    "width=64",
                    "-O",
                    "height=48"))
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("rec.out").toFile())
            .redirectError(dir.resolve("rec.err").toFile())
            .start();
    Path journal = dir.resolve("cut/run_frame_metadata.jsonl");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((!Files.exists(journal) || Files.readAllLines(journal).size() < 100)
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    rec.destroyForcibly(); // SIGKILL: no shutdown hook, no close
    assertThat(rec.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long lines = Files.readAllLines(journal).size();
    assertThat(lines).as(Files.readString(dir.resolve("rec.err"))).isGreaterThanOrEqualTo(100);

    // before repair: plain TIFF pages and an AVI without index, both readable
    JsonNode before = RealReaders.tifffile(dir.resolve("cut/run.ome.tif"), dir.resolve("a.xml"));
    long pages = before.get("shape").get(0).asLong();
    assertThat(pages).isBetween(lines, lines + 1);
    // The writers take each frame in turn (ome-tiff, avi, raw, csv), so the kill can fall after the
    // journal line of a frame and before the AVI or raw writer got it: one frame in flight.
    JsonNode avi = RealReaders.ffprobe(dir.resolve("cut/run.avi"));
    long aviFrames = avi.get("nb_read_frames").asLong();
    assertThat(aviFrames).isBetween(lines - 1, lines + 1);
    // the telemetry CSV is written as the recording goes: a row per 20 frames, each flushed
    List<String> telemetry = Files.readAllLines(dir.resolve("cut/run_telemetry.csv"));
    assertThat(telemetry.get(0)).startsWith("first_sample,samples,");
    assertThat(telemetry.size() - 1).isBetween((int) (lines / 20) - 1, (int) (lines / 20) + 1);

    Process repair =
        new ProcessBuilder(java("repair", "cut/run"))
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("repair.out").toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(repair.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("repair.out"), StandardCharsets.UTF_8);
    assertThat(repair.exitValue()).as(out).isZero();
    assertThat(out).contains("OME-XML written for " + pages + " frames", "run.raw.json: completed");

    JsonNode after = RealReaders.tifffile(dir.resolve("cut/run.ome.tif"), dir.resolve("b.xml"));
    assertThat(after.get("is_ome").asBoolean()).isTrue();
    assertThat(after.get("sha256").asText()).isEqualTo(before.get("sha256").asText());
    RealReaders.validateOmeXml(dir.resolve("b.xml"));
    JsonNode meta =
        new ObjectMapper().readTree(dir.resolve("cut/run_frame_metadata.json").toFile());
    assertThat(meta.get("complete").asBoolean()).isTrue();
    assertThat(meta.get("frame_count").asLong()).isEqualTo(lines);
    assertThat(meta.get("frames").get(0).get("headers")).isNotEmpty();
    JsonNode raw = new ObjectMapper().readTree(dir.resolve("cut/run.raw.json").toFile());
    assertThat(raw.get("frame_count").asLong()).isBetween(lines - 1, lines + 1);
    // the AVI sidecar counts the frames the AVI holds, its index is appended
    JsonNode aviMeta = new ObjectMapper().readTree(dir.resolve("cut/run.avi.json").toFile());
    assertThat(aviMeta.get("complete").asBoolean()).isTrue();
    assertThat(aviMeta.get("frame_count").asLong()).isEqualTo(aviFrames);
    assertThat(aviMeta.get("files").get(0).get("frame_count").asLong()).isEqualTo(aviFrames);
    assertThat(RealReaders.ffprobe(dir.resolve("cut/run.avi")).get("nb_read_frames").asLong())
        .isEqualTo(aviFrames);
  }
}
