package org.scopeio.writers.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.scopeio.api.WriteException;

/**
 * The ffmpeg program the compressed-video writers run: the one configured by path, else {@code
 * ffmpeg} on the PATH, checked by running {@code ffmpeg -version}.
 *
 * @param path the program
 * @param version the first line of {@code ffmpeg -version}
 */
public record FfmpegProgram(Path path, String version) {
  private static final String INSTALL =
      "install it (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg;"
          + " Windows: winget install ffmpeg)";

  /**
   * Finds and checks ffmpeg.
   *
   * @param configured the configured path, or null to search the PATH
   * @param setting the setting that configures it, for the message (e.g. {@code mp4.ffmpeg})
   * @param output the file that was to be written, named by the error
   * @throws WriteException naming {@code output} and saying how to install ffmpeg
   */
  public static FfmpegProgram find(String configured, String setting, Path output) {
    Path program;
    if (configured != null) {
      program = Path.of(configured);
      if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
        throw new WriteException(
            output,
            WriteException.NO_FRAME,
            "needs ffmpeg, which is not at "
                + configured
                + " (set by "
                + setting
                + "); "
                + INSTALL
                + " or give the right path with -W "
                + setting
                + "=/path/to/ffmpeg",
            null);
      }
    } else {
      program = onPath();
      if (program == null) {
        throw new WriteException(
            output,
            WriteException.NO_FRAME,
            "needs ffmpeg, which is not on the PATH; "
                + INSTALL
                + " or give its path with -W "
                + setting
                + "=/path/to/ffmpeg (every other format works without it)",
            null);
      }
    }
    return new FfmpegProgram(program, version(program, output));
  }

  private static Path onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, windows ? "ffmpeg.exe" : "ffmpeg");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static String version(Path program, Path output) {
    try {
      Process p = new ProcessBuilder(List.of(program.toString(), "-version")).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readNBytes(64 * 1024);
      p.getErrorStream().readNBytes(64 * 1024);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new WriteException(
            output, WriteException.NO_FRAME, program + " -version did not answer in 30 s", null);
      }
      String text = new String(out, StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0 || !text.startsWith("ffmpeg")) {
        throw new WriteException(
            output,
            WriteException.NO_FRAME,
            program + " does not run as ffmpeg (-version said: " + firstLine(text) + ")",
            null);
      }
      return firstLine(text);
    } catch (IOException e) {
      throw new WriteException(output, WriteException.NO_FRAME, "cannot run " + program, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteException(output, WriteException.NO_FRAME, "interrupted", e);
    }
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
