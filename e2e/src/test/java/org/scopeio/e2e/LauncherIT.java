package org.scopeio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code ./scopeio} launcher itself, run by a shell as a user runs it. */
class LauncherIT {
  @TempDir Path dir;

  static final Path ROOT = Path.of(System.getProperty("scopeio.root")).toAbsolutePath().normalize();

  /**
   * Under the C or POSIX locale (cron, containers), or a LANG naming a locale the machine lacks,
   * JDK 17 takes file names as ASCII and refused "mäuse.img" ("cannot convert 'm??use.img' to
   * interface java.nio.file.Path"); the launcher gives the JVM the C locale with UTF-8 there. This
   * test's own JVM may run under such a locale too, so the shell makes the name from its bytes, and
   * the output is read as UTF-8.
   *
   * @param lang the LANG to run with ("-": none), every LC_ variable removed
   */
  @ParameterizedTest
  @ValueSource(strings = {"-", "C", "xx_XX.UTF-8"})
  void aFileNamedInUtf8OpensWhereTheLocaleGivesAscii(String lang) throws Exception {
    String script =
        "n=$(printf 'm\\303\\244use.img'); \"$0\" simulate sdcard \"$n\" --frames 2 >/dev/null"
            + " && \"$0\" sdcard info \"$n\"";
    ProcessBuilder pb =
        new ProcessBuilder("sh", "-c", script, ROOT.resolve("scopeio").toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("output.txt").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
    if (!lang.equals("-")) {
      pb.environment().put("LANG", lang);
    }
    pb.environment().put("SCOPEIO_CONFIG_DIR", dir.resolve("no-user-configs").toString());
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the launcher finished").isTrue();
    List<String> lines =
        List.of(
            new String(Files.readAllBytes(dir.resolve("output.txt")), StandardCharsets.UTF_8)
                .split("\n"));
    assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
    assertThat(lines).contains("card          m\u00e4use.img", "frames        2");
  }
}
