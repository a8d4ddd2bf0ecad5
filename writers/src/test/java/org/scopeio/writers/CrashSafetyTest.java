package org.scopeio.writers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.Frame;

/**
 * Kills a recording process with SIGKILL mid-recording and reads back what it left: every frame it
 * reported written must be in each file, pixel for pixel.
 */
class CrashSafetyTest {
  @TempDir Path dir;

  @Test
  void aKilledRecordingLeavesFilesThatReadBackToEveryWrittenFrame() throws Exception {
    Path stem = dir.resolve("killed");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashRecorder.class.getName(),
                stem.toString(),
                "ome-tiff,avi,raw,csv")
            .redirectError(dir.resolve("recorder.err").toFile())
            .start();
    long reported = -1;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; reported < 40 && (line = r.readLine()) != null; ) {
        reported = Long.parseLong(line.substring("written ".length()));
      }
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(reported)
        .as("recorder output; stderr: %s", Files.readString(dir.resolve("recorder.err")))
        .isEqualTo(40);

    // OME-TIFF: a valid chain of complete pages (the provisional description is not OME)
    JsonNode tiff = RealReaders.tifffile(dir.resolve("killed.ome.tif"), dir.resolve("ome.xml"));
    long pages = tiff.get("shape").get(0).asLong();
    assertThat(pages).isGreaterThan(reported);
    assertThat(tiff.get("shape")).hasToString("[" + pages + ",48,64]");
    assertThat(tiff.get("sha256").asText()).isEqualTo(TestFrames.sha256(frames(pages)));

    // the frame metadata journal has a complete line for every page (or all but the last)
    List<String> journal = Files.readAllLines(dir.resolve("killed_frame_metadata.jsonl"));
    // (a page is linked just before its line is written: a kill in between leaves one line less)
    assertThat((long) journal.size()).isGreaterThanOrEqualTo(pages - 1);
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < Math.min(pages, journal.size()); i++) {
      JsonNode line = json.readTree(journal.get(i));
      assertThat(line.get("frame").asLong()).isEqualTo(i);
      assertThat(line.get("device_timestamp_ms").asLong()).isEqualTo(1000 + 50L * i);
    }

    // AVI: without an index, but with counts that ffmpeg trusts
    JsonNode avi = RealReaders.ffprobe(dir.resolve("killed.avi"));
    long decoded = avi.get("nb_read_frames").asLong();
    assertThat(decoded).isGreaterThan(reported);
    assertThat(RealReaders.ffmpegGraySha256(dir.resolve("killed.avi")))
        .isEqualTo(TestFrames.sha256(frames(decoded)));

    // raw: whole frames, and the journal of their timestamps
    long rawFrames = Files.size(dir.resolve("killed.raw")) / (64 * 48);
    assertThat(rawFrames).isGreaterThan(reported);
    assertThat(Files.size(dir.resolve("killed.raw.journal")))
        .isGreaterThanOrEqualTo(44 * rawFrames);

    // repair completes the OME-XML and the sidecars from the journals
    long journalled = journal.stream().filter(l -> l.endsWith("}")).count();
    assertThat(OmeTiffWriter.repair(stem))
        .hasValueSatisfying(
            m -> {
              assertThat(m.done()).contains(pages + " frames");
              assertThat(m.problems()).isEmpty();
            });
    JsonNode repaired =
        RealReaders.tifffile(dir.resolve("killed.ome.tif"), dir.resolve("fixed.xml"));
    assertThat(repaired.get("is_ome").asBoolean()).isTrue();
    assertThat(repaired.get("shape")).hasToString("[" + pages + ",48,64]");
    assertThat(repaired.get("sha256").asText()).isEqualTo(tiff.get("sha256").asText());
    RealReaders.validateOmeXml(dir.resolve("fixed.xml"));
    JsonNode sidecar = json.readTree(dir.resolve("killed_frame_metadata.json").toFile());
    assertThat(sidecar.get("complete").asBoolean()).isTrue();
    assertThat(sidecar.get("frame_count").asLong()).isBetween(pages - 1, journalled);
    assertThat(sidecar.get("measured_frame_rate").asDouble()).isEqualTo(20.0);
    assertThat(dir.resolve("killed_frame_metadata.jsonl")).doesNotExist();
    assertThat(RawWriter.repair(stem)).isPresent();
    JsonNode raw = json.readTree(dir.resolve("killed.raw.json").toFile());
    assertThat(raw.get("frame_count").asLong()).isBetween(rawFrames - 1, rawFrames);
    assertThat(raw.get("timestamps").get(0).get("device_timestamp_ms").asLong()).isEqualTo(1000);
    assertThat(OmeTiffWriter.repair(stem)).isEmpty(); // nothing left to repair

    // how the files were made: what the recording recorded, kept by the repairs
    for (String sidecarFile : List.of("killed.raw.json", "killed_frame_metadata.json")) {
      JsonNode madeBy = json.readTree(dir.resolve(sidecarFile).toFile()).get("made_by");
      assertThat(madeBy.get("command"))
          .as(sidecarFile)
          .hasToString("[\"scopeio\",\"record\",\"--out\",\"killed run\"]");
      assertThat(madeBy.get("software").asText()).as(sidecarFile).startsWith("Scopeio");
    }
    assertThat(json.readTree(dir.resolve("killed.avi.json").toFile()).get("made_by").get("command"))
        .hasToString("[\"scopeio\",\"record\",\"--out\",\"killed run\"]");
    assertThat(Files.readString(dir.resolve("fixed.xml")))
        .contains("<M K=\"made_by.command\">scopeio record --out 'killed run'</M>");

    // CSV: one row per frame (these frames carry no buffer headers), each complete
    List<String> csv = Files.readAllLines(dir.resolve("killed.csv"));
    assertThat((long) csv.size() - 1).isGreaterThan(reported);
    assertThat(csv.get((int) reported + 1)).startsWith(reported + "," + reported + "," + reported);
  }

  private static List<Frame> frames(long count) {
    List<Frame> out = new ArrayList<>();
    LongStream.range(0, count).forEach(i -> out.add(CrashRecorder.frame(i)));
    return out;
  }
}
