package org.scopeio.writers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The tools people open our files with, run on our files in tests: ffprobe and ffmpeg (AVI),
 * tifffile under Debian's {@code /usr/bin/python3} (OME-TIFF) and xmllint with the OME schema
 * (OME-XML).
 *
 * <p>When a tool is missing the test is skipped with a message, unless the environment variable
 * {@code SCOPEIO_REQUIRE_READERS} is set (as {@code .ci/run} does): then it fails.
 */
public final class RealReaders {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PYTHON = "/usr/bin/python3";

  private RealReaders() {}

  /** Skips the test (or fails it in CI) unless {@code command} runs. */
  public static void require(String what, String... command) {
    boolean ok;
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    }
    if (!ok) {
      String message = what + " is not installed (" + String.join(" ", command) + " failed)";
      if (System.getenv("SCOPEIO_REQUIRE_READERS") != null) {
        throw new AssertionError(message + "; SCOPEIO_REQUIRE_READERS is set");
      }
      Assumptions.abort(message + "; skipping this real-reader check");
    }
  }

  /** Requires ffprobe and ffmpeg. */
  public static void requireFfmpeg() {
    require("ffprobe", "ffprobe", "-version");
    require("ffmpeg", "ffmpeg", "-version");
  }

  /** Requires tifffile under /usr/bin/python3 (Debian's python3-tifffile). */
  public static void requireTifffile() {
    require("tifffile (python3-tifffile)", PYTHON, "-c", "import tifffile");
  }

  /** Requires xmllint (libxml2-utils). */
  public static void requireXmllint() {
    require("xmllint (libxml2-utils)", "xmllint", "--version");
  }

  /**
   * What tifffile sees in {@code tiff}: {@code is_ome}, {@code is_bigtiff}, {@code kind}, {@code
   * axes}, {@code shape}, {@code dtype}, {@code byteorder}, {@code pages} and {@code sha256} of the
   * pixels as little-endian bytes. The OME-XML tifffile read is written to {@code xmlOut}.
   */
  public static JsonNode tifffile(Path tiff, Path xmlOut) {
    requireTifffile();
    Path script = resource("read_ome_tiff.py", xmlOut.resolveSibling("read_ome_tiff.py"));
    String out = run(PYTHON, script.toString(), tiff.toString(), xmlOut.toString());
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new AssertionError("tifffile printed no JSON: " + out, e);
    }
  }

  /** Validates {@code xml} with {@code xmllint --nonet --schema} against the OME 2016-06 schema. */
  public static void validateOmeXml(Path xml) {
    requireXmllint();
    Path xsd = resource("/released-schema/2016-06/ome.xsd", xml.resolveSibling("ome-2016-06.xsd"));
    run("xmllint", "--nonet", "--noout", "--schema", xsd.toString(), xml.toString());
  }

  /** ffprobe's view of the first video stream of {@code video}, with decoded-frame count. */
  public static JsonNode ffprobe(Path video) {
    requireFfmpeg();
    String out =
        run(
            "ffprobe",
            "-v",
            "error",
            "-count_frames",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=codec_name,codec_tag_string,pix_fmt,width,height,nb_frames,nb_read_frames,"
                + "r_frame_rate,avg_frame_rate",
            "-of",
            "json",
            video.toString());
    try {
      return JSON.readTree(out).get("streams").get(0);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("ffprobe printed no stream: " + out, e);
    }
  }

  /** SHA-256 of the frames ffmpeg decodes from {@code video}, as 8-bit gray bytes. */
  public static String ffmpegGraySha256(Path video) {
    MessageDigest d = sha256();
    decode(
        video,
        "gray",
        in -> {
          byte[] buf = new byte[1 << 16];
          for (int n; (n = in.read(buf)) > 0; ) {
            d.update(buf, 0, n);
          }
        });
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * The frames ffmpeg decodes from {@code video} as raw bytes of {@code pixFmt} ({@code gray} or
   * {@code gray16le}), all in memory: for small test videos.
   */
  public static byte[] ffmpegDecode(Path video, String pixFmt) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    decode(video, pixFmt, in -> in.transferTo(out));
    return out.toByteArray();
  }

  private interface Reading {
    void read(InputStream in) throws IOException;
  }

  /** Runs ffmpeg decoding {@code video} to raw {@code pixFmt} frames, read by {@code reading}. */
  private static void decode(Path video, String pixFmt, Reading reading) {
    requireFfmpeg();
    Running r =
        start(
            "ffmpeg",
            "-v",
            "error",
            "-i",
            video.toString(),
            "-f",
            "rawvideo",
            "-pix_fmt",
            pixFmt,
            "-");
    try (InputStream in = r.process().getInputStream()) {
      reading.read(in);
      finish(r, "ffmpeg");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static Path resource(String name, Path target) {
    try (InputStream in = RealReaders.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      Files.write(target, in.readAllBytes());
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A started process whose standard error goes to a temporary file. */
  private record Running(Process process, Path stderr) {}

  private static Running start(String... command) {
    try {
      Path err = Files.createTempFile("scopeio-reader", ".stderr");
      Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
      return new Running(p, err);
    } catch (IOException e) {
      throw new AssertionError("cannot start " + command[0], e);
    }
  }

  /** Runs {@code command} and returns its standard output; fails with its output on exit != 0. */
  public static String run(String... command) {
    Running r = start(command);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      r.process().getInputStream().transferTo(out);
      finish(r, String.join(" ", command));
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void finish(Running r, String what) throws IOException {
    Process p = r.process();
    try {
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(what + " did not finish in 10 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(what + " interrupted", e);
    }
    String err = Files.readString(r.stderr());
    Files.deleteIfExists(r.stderr());
    if (p.exitValue() != 0) {
      throw new AssertionError(what + " exited with " + p.exitValue() + ":\n" + err);
    }
  }
}
