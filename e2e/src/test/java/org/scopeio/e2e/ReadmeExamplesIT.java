package org.scopeio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example of the README, run in order in an empty folder as a new user would, with the built
 * command (and the example plugin where the README puts it on the class path): each must exit 0 and
 * print, in order, every output line the README shows under it (timings and lines written {@code
 * ...} aside). A YAML block whose first line is {@code # PATH} is written to PATH first; a command
 * ending in {@code # needs ...} needs hardware and is only checked to be one scopeio understands;
 * {@code mvn} lines are build steps, which the build that runs this test has done.
 */
class ReadmeExamplesIT {
  @TempDir static Path dir;

  static final Path ROOT = Path.of(System.getProperty("scopeio.root")).toAbsolutePath().normalize();

  /** A README command and the output lines shown under it. */
  record Example(int line, String command, List<String> shown) {}

  /** The README's steps in order: commands, and files to write (as {@code >PATH} + content). */
  static List<Object> steps() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    List<Object> steps = new ArrayList<>();
    boolean in = false;
    String lang = "";
    Example current = null;
    StringBuilder yaml = null;
    Path yamlPath = null;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("```")) {
        if (in && yaml != null && yamlPath != null) {
          steps.add(new Object[] {yamlPath, yaml.toString()});
        }
        in = !in;
        lang = in ? l.substring(3).trim() : "";
        current = null;
        yaml = null;
        yamlPath = null;
        continue;
      }
      if (!in) {
        continue;
      }
      if (lang.equals("yaml")) {
        if (yaml == null) {
          yaml = new StringBuilder();
          if (l.startsWith("# ") && l.trim().endsWith(".yaml")) {
            yamlPath = Path.of(l.substring(2).trim());
          }
        }
        yaml.append(l).append('\n');
        continue;
      }
      if (!lang.isEmpty()) {
        continue; // java and other code
      }
      String cmd = l.startsWith("$ ") ? l.substring(2) : l.startsWith("./scopeio") ? l : null;
      if (cmd != null) {
        while (cmd.endsWith("\\") && i + 1 < lines.size()) {
          cmd = cmd.substring(0, cmd.length() - 1) + lines.get(++i).trim();
        }
        current = new Example(i + 1, cmd.trim(), new ArrayList<>());
        steps.add(current);
      } else if (current != null && !l.isBlank()) {
        current.shown().add(l);
      }
    }
    return steps;
  }

  static final Pattern VARIABLE = Pattern.compile("^\\s*(duration|\\.\\.\\.)\\b.*|^\\s*\\.\\.\\.$");

  @TestFactory
  Stream<DynamicTest> everyExampleRunsInOrderAndPrintsWhatTheReadmeShows() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Object step : steps()) {
      if (step instanceof Object[] file) {
        Path target = dir.resolve((Path) file[0]);
        tests.add(
            DynamicTest.dynamicTest(
                "write " + file[0],
                () -> {
                  Files.createDirectories(target.getParent());
                  Files.writeString(target, (String) file[1]);
                }));
        continue;
      }
      Example e = (Example) step;
      tests.add(DynamicTest.dynamicTest("README:" + e.line() + " " + e.command(), () -> run(e)));
    }
    assertThat(tests).hasSizeGreaterThan(25);
    return tests.stream();
  }

  static void run(Example e) throws Exception {
    String command = e.command();
    boolean hardware = command.contains("# needs");
    if (command.contains("#")) {
      command = command.substring(0, command.indexOf('#')).trim();
    }
    if (command.startsWith("mvn ")) {
      return; // a build step: the build running this test has done it
    }
    if (command.matches(".*--format \\S*(mp4|ffv1).*") && !ffmpegPresent()) {
      String why = "README line " + e.line() + " needs ffmpeg, which is not on the PATH";
      assertThat(System.getenv("SCOPEIO_REQUIRE_READERS")).as(why).isNull();
      Assumptions.abort(why + " (apt-get install ffmpeg)");
    }
    List<String> env = new ArrayList<>();
    List<String> words = new ArrayList<>(List.of(command.split(" +")));
    while (words.get(0).contains("=")) {
      env.add(words.remove(0));
    }
    assertThat(words.get(0)).as("README:" + e.line()).isEqualTo("./scopeio");
    words.remove(0);
    String classPath = System.getProperty("scopeio.jar");
    for (String v : env) {
      if (v.startsWith("SCOPEIO_CLASSPATH=")) {
        for (String jar : v.substring(v.indexOf('=') + 1).split(":")) {
          classPath += ":" + ROOT.resolve(jar);
        }
      }
    }
    if (hardware) {
      words.add("--help"); // no receiver or transmitter here: the command line must still parse
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", classPath, "org.scopeio.cli.Main"));
    cmd.addAll(words);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("output.txt").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().put("SCOPEIO_CONFIG_DIR", dir.resolve("no-user-configs").toString());
    Process p = pb.start();
    boolean done = p.waitFor(3, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8);
    String what = "README line " + e.line() + ": " + e.command() + "\n" + out;
    assertThat(done).as(what).isTrue();
    assertThat(p.exitValue()).as(what).isZero();
    if (hardware) {
      return;
    }
    List<String> printed = out.lines().map(String::stripTrailing).toList();
    int from = 0;
    for (String shown : e.shown()) {
      if (VARIABLE.matcher(shown).matches()) {
        continue;
      }
      int at = printed.subList(from, printed.size()).indexOf(shown.stripTrailing());
      assertThat(at).as(what + "\nthe README shows: " + shown).isNotNegative();
      from += at + 1;
    }
  }

  static boolean ffmpegPresent() {
    try {
      Process p =
          new ProcessBuilder("ffmpeg", "-version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
