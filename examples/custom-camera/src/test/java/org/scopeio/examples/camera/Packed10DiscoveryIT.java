package org.scopeio.examples.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as a user meets it: the built {@code scopeio.jar} knows no {@code packed10} device
 * until the camera's jar is on the class path; then it lists it and records from it.
 */
class Packed10DiscoveryIT {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run scopeio(String classPath, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add("org.scopeio.cli.Main");
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void scopeioFindsTheCameraOnlyWhenItsJarIsOnTheClassPath() throws Exception {
    String scopeio = System.getProperty("scopeio.jar");
    String camera = System.getProperty("camera.jar");
    assertThat(Path.of(scopeio)).exists();
    assertThat(Path.of(camera)).exists();

    Run without = scopeio(scopeio, "devices");
    assertThat(without.code()).isZero();
    assertThat(without.out()).contains("simulated").doesNotContain("packed10");

    String both = scopeio + File.pathSeparator + camera;
    Run with = scopeio(both, "devices");
    assertThat(with.code()).isZero();
    assertThat(with.out())
        .contains("packed10", "org.scopeio.examples.camera.internal.Packed10CameraProvider");
    Run configs = scopeio(both, "config", "list");
    assertThat(configs.out()).contains("packed10-demo");

    Run rec =
        scopeio(
            both,
            "record",
            "--device",
            "packed10",
            "-O",
            "frames=12",
            "--out",
            "cam/run",
            "--format",
            "raw",
            "-W",
            "sync=none");
    assertThat(rec.code()).as(rec.err()).isZero();
    assertThat(rec.out()).contains("Recorded 12 frames from packed10");
    assertThat(dir.resolve("cam/run.raw")).hasSize(12L * 320 * 240 * 2);
  }
}
