package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.writers.RealReaders;

/**
 * Stopping and stalling, through the shaded jar: Ctrl+C on an endless input stops at once with the
 * summary and complete files, and the live view keeps serving its page while hostile or stalled
 * clients come and go, with the recording unaffected.
 */
class StopAndAbuseIT {
  @TempDir Path dir;

  Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("scopeio.jar"), "org.scopeio.cli.Main"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
  }

  @Test
  void ctrlCOnAnEndlessInputStopsWithinASecondWithTheSummaryAndCompleteFiles() throws Exception {
    Process p = start("stream", "decode", "/dev/zero", "--out", "z");
    BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    assertThat(err.readLine()).startsWith("Reading from stream");
    Thread.sleep(1500); // it is decoding zeros now
    long t0 = System.nanoTime();
    new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(seconds).as("stop time").isLessThan(1.0);
    assertThat(p.exitValue()).isEqualTo(130); // interrupted, as a shell reports Ctrl+C
    String out = Files.readString(dir.resolve("out.txt"));
    assertThat(out).contains("Recorded 0 frames", "ended by   stopped", "bits discarded");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .doesNotContain("z_frame_metadata.jsonl");
    }
    JsonNode meta =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dir.resolve("z_frame_metadata.json").toFile());
    assertThat(meta.get("complete").asBoolean()).isTrue();
  }

  @Test
  void ctrlCDuringSeveralInputsStopsTheCurrentOneAndStartsNoOther() throws Exception {
    Path capture = dir.resolve("after.bin");
    assertThat(
            CliTest.in(dir).run("simulate", "stream", capture.toString(), "--frames", "2").code())
        .isZero();
    Process p = start("stream", "decode", "/dev/zero", capture.toString(), "--out", "decoded");
    BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    assertThat(err.readLine())
        .isEqualTo("Reading from stream: stream file:/dev/zero (wireless-200px, 200x200)");
    Thread.sleep(1000);
    new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(130);
    assertThat(Files.readString(dir.resolve("out.txt")))
        .contains("Recorded 0 frames from stream (stream file:/dev/zero", "ended by   stopped")
        .doesNotContain("after.bin");
    try (Stream<Path> files = Files.list(dir.resolve("decoded"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "zero.ome.tif", "zero_frame_metadata.json", "zero.csv", "zero_telemetry.csv");
    }
  }

  @Test
  void ctrlCDuringARecordingStopsWithinASecondAndEveryFrameIsInReadableFiles() throws Exception {
    Process p =
        start(
            "record",
            "--out",
            "rec",
            "--duration",
            "10m",
            "--format",
            "ome-tiff,avi,raw,csv",
            "-O",
            "width=48",
            "-O",
            "height=32");
    BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    assertThat(err.readLine()).startsWith("Reading from simulated");
    Thread.sleep(2000);
    long t0 = System.nanoTime();
    new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat((System.nanoTime() - t0) / 1e9).as("stop time").isLessThan(1.0);
    assertThat(p.exitValue()).isEqualTo(130);
    String out = Files.readString(dir.resolve("out.txt"));
    assertThat(out).contains("ended by   stopped");
    Matcher m = Pattern.compile("Recorded (\\d+) frames").matcher(out);
    assertThat(m.find()).isTrue();
    long frames = Long.parseLong(m.group(1));
    assertThat(frames).isGreaterThan(10);
    JsonNode tiff = RealReaders.tifffile(dir.resolve("rec.ome.tif"), dir.resolve("rec.xml"));
    assertThat(tiff.get("shape")).hasToString("[" + frames + ",32,48]");
    RealReaders.validateOmeXml(dir.resolve("rec.xml"));
    assertThat(RealReaders.ffprobe(dir.resolve("rec.avi")).get("nb_read_frames").asLong())
        .isEqualTo(frames);
    assertThat(dir.resolve("rec.raw")).hasSize(frames * 48 * 32);
    assertThat(dir.resolve("rec_frame_metadata.jsonl")).doesNotExist();
  }

  /** Sends {@code request} bytes and returns what came back within {@code millis} ("" if none). */
  static String exchange(int port, String request, int millis) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(millis);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      StringBuilder sb = new StringBuilder();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
          if (sb.length() > 64 && sb.indexOf("\r\n\r\n") > 0 && !sb.toString().contains("200")) {
            break;
          }
        }
      } catch (SocketTimeoutException e) {
        // what came so far
      } catch (IOException e) {
        sb.append("[closed: ").append(e.getMessage()).append(']');
      }
      return sb.toString();
    }
  }

  static String get(int port, String target) throws IOException {
    return exchange(
        port,
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n",
        5000);
  }

  @Test
  void theLiveViewServesItsPageWhileHostileAndStalledClientsComeAndGo() throws Exception {
    Process p =
        start(
            "record",
            "--out",
            "live",
            "--duration",
            "25s",
            "--format",
            "raw",
            "-O",
            "width=64",
            "-O",
            "height=64",
            "--live",
            "0");
    BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    int port = -1;
    for (String line; port < 0 && (line = err.readLine()) != null; ) {
      Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(line);
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      }
    }
    assertThat(port).isPositive();
    final int at = port;

    // four clients that never finish their request, more than the server has threads
    List<Socket> stalled = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Socket s = new Socket("127.0.0.1", at);
      s.getOutputStream()
          .write(
              ("GET /status.json HTTP/1.1\r\nHost: 127.0.0.1:" + at + "\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      stalled.add(s);
    }
    // the page polls; within a few seconds it is answered again (the stalled ones are cut off
    // after 2 s; a poll caught in the same cut is simply asked again, as the page does)
    long t0 = System.nanoTime();
    String page = "";
    while (!page.startsWith("HTTP/1.1 200") && System.nanoTime() - t0 < 6_000_000_000L) {
      page = get(at, "/status.json");
    }
    assertThat(page).startsWith("HTTP/1.1 200");
    assertThat((System.nanoTime() - t0) / 1e9).as("page despite stalled clients").isLessThan(5);

    // a client that asks for images and never reads them
    Socket greedy = new Socket("127.0.0.1", at);
    OutputStream g = greedy.getOutputStream();
    for (int i = 0; i < 50; i++) {
      g.write(
          ("GET /frame.png HTTP/1.1\r\nHost: 127.0.0.1:" + at + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
    }
    g.flush();

    assertThat(exchange(at, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 5000))
        .startsWith("HTTP/1.1 400");
    assertThat(
            exchange(at, "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n", 5000))
        .startsWith("HTTP/1.1 403");
    assertThat(
            exchange(
                at,
                "POST /status.json HTTP/1.1\r\nHost: 127.0.0.1:"
                    + at
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                5000))
        .startsWith("HTTP/1.1 405");
    assertThat(get(at, "/../../etc/passwd")).startsWith("HTTP/1.1 404").doesNotContain("root:");
    assertThat(get(at, "/status.json?bins=abc")).startsWith("HTTP/1.1 400");
    assertThat(get(at, "/status.json?bins=-5")).startsWith("HTTP/1.1 200"); // clamped to 1
    assertThat(get(at, "/frame.png?contrast=bogus")).startsWith("HTTP/1.1 400");
    // bounds typed the wrong way round are taken as meant
    assertThat(get(at, "/frame.png?contrast=fixed&lo=9&hi=2")).startsWith("HTTP/1.1 200");
    assertThat(get(at, "/status.json?%zz=1")).startsWith("HTTP/1.1 400");
    assertThat(get(at, "/telemetry.json?seconds=99999999999&points=-1")).startsWith("HTTP/1.1 200");
    String huge =
        "GET /status.json HTTP/1.1\r\nHost: 127.0.0.1:"
            + at
            + "\r\nX-Big: "
            + "a".repeat(200_000)
            + "\r\n\r\n";
    // oversized requests are answered (or cut off) within the timeout, and cost nothing after
    assertThat(exchange(at, huge, 5000)).startsWith("HTTP/1.1");
    assertThat(get(at, "/" + "x".repeat(100_000))).doesNotStartWith("HTTP/1.1 200");

    // a burst of requests at once: each is answered
    ExecutorService burst = Executors.newFixedThreadPool(16);
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      answers.add(burst.submit(() -> get(at, "/status.json")));
    }
    for (Future<String> a : answers) {
      assertThat(a.get(30, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200");
    }
    burst.shutdown();
    assertThat(get(at, "/status.json")).startsWith("HTTP/1.1 200");
    for (Socket s : stalled) {
      s.close();
    }
    greedy.close();

    // the recording went on undisturbed
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    String out = Files.readString(dir.resolve("out.txt"));
    assertThat(out).contains("dropped    0 frames", "ended by   duration limit");
    Matcher frames = Pattern.compile("Recorded (\\d+) frames").matcher(out);
    assertThat(frames.find()).isTrue();
    long n = Long.parseLong(frames.group(1));
    assertThat(n).isBetween(480L, 520L); // 25 s at 20 frames/s
    assertThat(dir.resolve("live.raw")).hasSize(n * 64 * 64);
  }
}
