package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.writers.RealReaders;

/**
 * End to end: {@code scopeio record --live} in its own JVM, its page loaded in Debian's headless
 * Chromium; the page must show frames of the right size with a rising counter and plots with
 * points, load nothing from elsewhere, and the recording must be the same as without the view.
 */
class LiveViewIT {
  private static final int WIDTH = 320;
  private static final int HEIGHT = 240;
  private static final int FRAMES = 600; // 15 s at 40 frames/s: the page is checked while it runs
  private static final Pattern URL = Pattern.compile("Live view: (http://127\\.0\\.0\\.1:(\\d+)/)");

  @TempDir Path dir;

  Process scopeio(String name, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(System.getProperty("scopeio.jar"));
    cmd.addAll(
        List.of(
            "record",
            "--out",
            name + "/run",
            "-O",
            "frames=" + FRAMES,
            "-O",
            "fs=40",
            "-O",
            "width=" + WIDTH,
            "-O",
            "height=" + HEIGHT,
            "--format",
            "ome-tiff,avi,raw,csv"));
    Collections.addAll(cmd, extra);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("SCOPEIO_CONFIG_DIR", dir.resolve("configs").toString());
    pb.redirectOutput(dir.resolve(name + ".out").toFile());
    pb.redirectError(dir.resolve(name + ".err").toFile());
    return pb.start();
  }

  @Test
  void theBrowserShowsFramesAndPlotsWhileTheRecordingIsTheSameAsWithoutIt() throws Exception {
    RealReaders.require("chromium", HeadlessChromium.BINARY, "--version");
    RealReaders.requireTifffile();
    Process plain = scopeio("plain");
    Process live = scopeio("live", "--live", "0");
    try {
      Matcher m = awaitUrl(live, dir.resolve("live.err"));
      URI page = URI.create(m.group(1));
      int port = Integer.parseInt(m.group(2));
      try (HeadlessChromium browser = HeadlessChromium.open(page, dir, 1400, 1000)) {
        JsonNode first =
            awaitPage(
                browser,
                "s => s.framesShown >= 1 && s.plotPoints['plot-interval'] > 0"
                    + " && s.plotPoints['plot-mean'] > 0 && s.plotPoints['plot-lost'] > 0");
        assertThat(first.get("frameWidth").asInt()).isEqualTo(WIDTH);
        assertThat(first.get("frameHeight").asInt()).isEqualTo(HEIGHT);
        long index = first.get("frameIndex").asLong();
        long counter = Long.parseLong(browser.evaluate("$('frames').textContent").asText());
        JsonNode later =
            awaitPage(
                browser,
                "s => s.frameIndex > "
                    + (index + 5)
                    + " && s.framesShown > 2 && s.plotUpdates > 1"
                    // the badge comes from status.json, polled apart from the image
                    + " && Number($('frames').textContent) > "
                    + counter);
        assertThat(Long.parseLong(browser.evaluate("$('frames').textContent").asText()))
            .as("the frame counter rises")
            .isGreaterThan(counter);
        assertThat(later.get("frameWidth").asInt()).isEqualTo(WIDTH);
        for (String plot : List.of("plot-interval", "plot-lost", "plot-mean", "plot-battery")) {
          assertThat(
                  browser
                      .evaluate("Number(document.getElementById('" + plot + "').dataset.points)")
                      .asInt())
              .as(plot + " points")
              .isPositive();
        }
        assertThat(browser.evaluate("document.getElementById('frame').naturalWidth").asInt())
            .isEqualTo(WIDTH);
        assertThat(browser.evaluate("$('fps-host').textContent").asText()).matches("\\d+\\.\\d");
        assertThat(browser.evaluate("$('files').textContent").asText())
            .contains("run.ome.tif", "run.avi", "run.raw", "run.csv");
        assertThat(browser.evaluate("$('connection').textContent").asText()).isEqualTo("recording");
        // everything the page loaded came from Scopeio itself
        JsonNode loaded =
            browser.evaluate(
                "[location.href].concat(performance.getEntriesByType('resource').map(e => e.name))");
        assertThat(loaded).isNotEmpty();
        loaded.forEach(u -> assertThat(u.asText()).startsWith(page.toString()));

        byte[] png = browser.screenshot(1400, 1000);
        Files.write(Path.of("target", "live-view.png"), png);
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(shot.getWidth()).isEqualTo(1400);
        assertThat(shot.getHeight()).isEqualTo(1000);
      }
      refusesOtherAddressesAndHosts(port);
      assertThat(live.waitFor(60, TimeUnit.SECONDS)).as("live recording finished").isTrue();
      assertThat(plain.waitFor(60, TimeUnit.SECONDS)).as("plain recording finished").isTrue();
    } finally {
      live.destroyForcibly();
      plain.destroyForcibly();
    }
    assertThat(live.exitValue()).as(Files.readString(dir.resolve("live.err"))).isZero();
    assertThat(plain.exitValue()).as(Files.readString(dir.resolve("plain.err"))).isZero();
    assertThat(Files.readString(dir.resolve("live.out")))
        .contains("Recorded " + FRAMES + " frames", "dropped    0 frames");
    sameRecording(dir.resolve("plain"), dir.resolve("live"));
  }

  private static Matcher awaitUrl(Process p, Path err) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(err) ? Files.readString(err) : "";
      Matcher m = URL.matcher(text);
      if (m.find()) {
        return m;
      }
      if (!p.isAlive()) {
        throw new AssertionError("scopeio ended before serving: " + text);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("scopeio printed no live view address");
  }

  /** Polls the page's state until {@code condition} holds; returns the state. */
  private static JsonNode awaitPage(HeadlessChromium browser, String condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    JsonNode state = null;
    while (System.nanoTime() < deadline) {
      // the condition is tested on the very copy returned: the page changes between evaluations
      JsonNode seen =
          browser.evaluate(
              "(s => ({met: ("
                  + condition
                  + ")(s), state: s}))(JSON.parse(JSON.stringify(window.scopeioLive || {})))");
      state = seen.get("state");
      if (seen.get("met").asBoolean()) {
        return state;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the page never reached " + condition + "; it was " + state);
  }

  private static void refusesOtherAddressesAndHosts(int port) throws Exception {
    // a page elsewhere whose name resolves to 127.0.0.1 sends its own name as Host
    try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), port)) {
      raw.getOutputStream()
          .write(
              ("GET /status.json HTTP/1.1\r\nHost: attacker.example:"
                      + port
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String reply = new String(raw.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(reply).startsWith("HTTP/1.1 403").contains("unexpected Host header");
    }
    Optional<InetAddress> external = externalAddress();
    if (external.isEmpty()) {
      System.err.println("LiveViewIT: this machine has no non-loopback address to try");
      return;
    }
    try (Socket s = new Socket()) {
      assertThatThrownBy(() -> s.connect(new InetSocketAddress(external.get(), port), 2000))
          .as("connecting through " + external.get())
          .isInstanceOf(ConnectException.class);
    }
  }

  private static Optional<InetAddress> externalAddress() throws IOException {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .findFirst();
  }

  /**
   * The two recordings hold the same bytes once what differs between any two runs is masked: host
   * clock readings, the acquisition date, the OME UUID and the command line each output records
   * (each run's own, with its folder and options). Pixels are compared through tifffile.
   */
  private static void sameRecording(Path plain, Path live) throws IOException {
    List<String> names;
    try (Stream<Path> s = Files.list(plain)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    try (Stream<Path> s = Files.list(live)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactlyElementsOf(names);
    }
    assertThat(names)
        .contains("run.ome.tif", "run.avi", "run.raw", "run.csv", "run_frame_metadata.json");
    for (String name : names) {
      if (name.endsWith(".tif")) {
        JsonNode a = RealReaders.tifffile(plain.resolve(name), plain.resolve("ome.xml"));
        JsonNode b = RealReaders.tifffile(live.resolve(name), live.resolve("ome.xml"));
        assertThat(b.get("sha256")).isEqualTo(a.get("sha256"));
        assertThat(b.get("shape").toString())
            .isEqualTo("[" + FRAMES + "," + HEIGHT + "," + WIDTH + "]");
        assertThat(masked(live.resolve("ome.xml"))).isEqualTo(masked(plain.resolve("ome.xml")));
      } else if (name.endsWith(".avi") || name.endsWith(".raw")) {
        assertThat(Files.mismatch(plain.resolve(name), live.resolve(name))).as(name).isEqualTo(-1);
      } else if (name.endsWith("_telemetry.csv")) {
        // the host clock's frame intervals: measured afresh by every run
        assertThat(Files.readAllLines(live.resolve(name))).hasSize(FRAMES / 20 + 1);
      } else if (!name.equals("ome.xml")) {
        assertThat(masked(live.resolve(name))).as(name).isEqualTo(masked(plain.resolve(name)));
      }
    }
  }

  private static String masked(Path p) throws IOException {
    String text = Files.readString(p, StandardCharsets.ISO_8859_1);
    return text.replaceAll("urn:uuid:[0-9a-f-]{36}", "urn:uuid:U")
        .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "T")
        .replaceAll("(\"host_[a-z_]+\" ?: ?)[0-9.eE+-]+", "$1H")
        .replaceAll("(\"buffer_recv_unix_time\" ?: ?)[0-9.eE+-]+", "$1H")
        .replaceAll("(\"command\" ?: ?)\\[[^\\]]*\\]", "$1C")
        .replaceAll("(<M K=\"made_by.command\">)[^<]*", "$1C")
        .replaceAll("(?m)^((?:[^,\\n]*,){12})[0-9.eE+-]+(?=,)", "$1H"); // run.csv receive time
  }
}
