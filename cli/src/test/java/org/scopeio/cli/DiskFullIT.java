package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.writers.RealReaders;

/**
 * The disk fills up in the middle of {@code scopeio record}: the process runs with a file size
 * limit of 1 MiB ({@code ulimit -f}; the JVM ignores SIGXFSZ, so the write that crosses it fails
 * with EFBIG as on a full disk). Scopeio stops at once with the file and frame index, every frame
 * before stays readable, and {@code scopeio repair} completes the OME-TIFF.
 */
class DiskFullIT {
  @TempDir Path dir;

  private String run(Path log, String script) throws Exception {
    Process p =
        new ProcessBuilder("bash", "-c", script)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() + "\n" + Files.readString(log, StandardCharsets.UTF_8);
  }

  @Test
  void aDiskFillingUpMidRecordingStopsWithThePathAndFrameAndKeepsEveryFrameBefore()
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = System.getProperty("scopeio.jar");
    String out =
        run(
            dir.resolve("rec.log"),
            "ulimit -f 1024; exec '"
                + java
                + "' -jar '"
                + jar
                + "' record --out full/run --format ome-tiff,raw,csv -O fs=400 -O width=64"
                + " -O height=48 -O frames=0 --duration 60s");
    assertThat(out).startsWith("1\n");
    Matcher m =
        Pattern.compile(
                "scopeio: full/run\\.ome\\.tif \\(frame (\\d+)\\): cannot write: File too large")
            .matcher(out);
    assertThat(m.find()).as(out).isTrue();
    long frames = Long.parseLong(m.group(1));
    // 1 MiB holds a little over 300 frames of 64x48 with their TIFF directories
    assertThat(frames).isBetween(250L, 341L);

    JsonNode before = RealReaders.tifffile(dir.resolve("full/run.ome.tif"), dir.resolve("a.xml"));
    assertThat(before.get("shape").get(0).asLong()).isEqualTo(frames);
    assertThat(dir.resolve("full/run.raw")).hasSize(frames * 64 * 48);
    JsonNode raw = new ObjectMapper().readTree(dir.resolve("full/run.raw.json").toFile());
    assertThat(raw.get("frame_count").asLong()).isEqualTo(frames);
    List<String> csv = Files.readAllLines(dir.resolve("full/run.csv"));
    assertThat(csv).hasSize(1 + (int) frames);

    String repaired =
        run(dir.resolve("repair.log"), "exec '" + java + "' -jar '" + jar + "' repair full/run");
    assertThat(repaired).startsWith("0\n").contains("OME-XML written for " + frames + " frames");
    JsonNode after = RealReaders.tifffile(dir.resolve("full/run.ome.tif"), dir.resolve("b.xml"));
    assertThat(after.get("is_ome").asBoolean()).isTrue();
    assertThat(after.get("sha256").asText()).isEqualTo(before.get("sha256").asText());
    RealReaders.validateOmeXml(dir.resolve("b.xml"));
  }
}
