package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.writers.RealReaders;

/** Runs cli/target/scopeio.jar in its own JVM, as the ./scopeio launcher does. */
class ShadedJarIT {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  Run scopeio(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(System.getProperty("scopeio.jar"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("SCOPEIO_CONFIG_DIR", dir.resolve("configs").toString());
    pb.redirectOutput(dir.resolve("stdout").toFile());
    pb.redirectError(dir.resolve("stderr").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("scopeio finished").isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
  }

  @Test
  void theJarFindsEveryProviderAndPackagedConfigAndRecords() throws Exception {
    Run devices = scopeio("devices");
    assertThat(devices.code()).isZero();
    assertThat(devices.out()).contains("simulated");
    Run formats = scopeio("formats");
    assertThat(formats.out()).contains("raw", "csv", "ome-tiff", "avi", "avi.frames-per-file");
    Run configs = scopeio("config", "list");
    assertThat(configs.out())
        .contains("sd-buffer-header", "stream-buffer-header", "simulated-default");
    Run rec =
        scopeio(
            "record", "--out", "demo/run1", "--frames", "5", "-O", "pacing=as-fast-as-possible");
    // the first line: no library's warning before it, on any JDK (Guava 31 under Guice printed
    // four about sun.misc.Unsafe on JDK 24 and later)
    assertThat(rec.err()).startsWith("Reading from simulated");
    assertThat(rec.code()).isZero();
    assertThat(rec.out()).contains("Recorded 5 frames from simulated");
    JsonNode tiff =
        RealReaders.tifffile(dir.resolve("demo/run1.ome.tif"), dir.resolve("demo/ome.xml"));
    assertThat(tiff.get("is_ome").asBoolean()).isTrue();
    assertThat(tiff.get("shape")).hasToString("[5,200,200]");
    // how the files were made: the jar's version, as --version prints it, and the command line
    String version = scopeio("--version").out().lines().findFirst().orElseThrow();
    assertThat(version).startsWith("scopeio ");
    JsonNode madeBy =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dir.resolve("demo/run1_frame_metadata.json").toFile())
            .get("made_by");
    assertThat(madeBy.get("software").asText())
        .isEqualTo("Scopeio " + version.substring("scopeio ".length()));
    assertThat(madeBy.get("command"))
        .hasToString(
            "[\"scopeio\",\"record\",\"--out\",\"demo/run1\",\"--frames\",\"5\",\"-O\","
                + "\"pacing=as-fast-as-possible\"]");
    assertThat(Files.readString(dir.resolve("demo/ome.xml")))
        .contains("Creator=\"Scopeio " + version.substring("scopeio ".length()) + "\"");
    assertThat(dir.resolve("demo/run1.csv")).exists();
    Run again = scopeio("record", "--out", "demo/run1", "--frames", "5");
    assertThat(again.code()).isEqualTo(1);
    Run usage = scopeio("record");
    assertThat(usage.code()).isEqualTo(2);
  }

  @Test
  void openingASerialPortLoadsTheNativeLibraryWithoutAWarning() throws Exception {
    // jSerialComm loads its native library before it looks for the port; JDK 22 and later warn
    // about that on standard error unless the jar's manifest enables native access
    Path port = dir.resolve("no-such-port");
    Run run =
        scopeio(
            "stream",
            "capture",
            "--source",
            "serial:" + port + "@115200",
            "--out",
            "x",
            "--frames",
            "1");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("scopeio: " + port + ": no such serial port (serial ports present: ");
  }
}
