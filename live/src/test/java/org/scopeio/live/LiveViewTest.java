package org.scopeio.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameIntegrity;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.telemetry.FrameTelemetry;

class LiveViewTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;
  private LiveView view;
  private FrameTelemetry telemetry;

  @AfterEach
  void stop() {
    if (view != null) {
      view.close();
    }
  }

  private LiveView start(PixelType type, int width, int height, long diskWarning)
      throws IOException {
    DeviceInfo info =
        new DeviceInfo(
            "test", "test camera", width, height, type, 20.0, null, Map.of(), -1, Pace.ON_DEMAND);
    telemetry = FrameTelemetry.forStream(info, 4096);
    view =
        LiveView.start(new LiveView.Settings(0, dir.resolve("rec"), diskWarning), info, telemetry);
    return view;
  }

  private void feed(Frame f, DeviceCounters c) {
    telemetry.accept(f, c);
    view.onFrame(f, c);
  }

  private static Frame frame8(long index, int width, int height, byte[] px) {
    return Frame.builder(width, height, PixelType.UINT8)
        .index(index)
        .pixels(px)
        .deviceTimestampMillis(1000 + 50 * index)
        .hostMonotonicNanos(50_000_000L * index)
        .build();
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(view.uri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    return JSON.readTree(r.body());
  }

  private static BufferedImage image(HttpResponse<byte[]> r) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(r.body()));
  }

  @Test
  void servesItsOwnPageScriptAndStyleWithNothingFromElsewhere() throws Exception {
    start(PixelType.UINT8, 4, 4, 0);
    assertThat(view.uri().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
    for (String path : new String[] {"", "live.js", "live.css"}) {
      HttpResponse<byte[]> r = get(path);
      assertThat(r.statusCode()).isEqualTo(200);
      String text = new String(r.body(), StandardCharsets.UTF_8);
      assertThat(text).doesNotContain("http:", "https:", "//cdn", "@import");
    }
    String page = new String(get("").body(), StandardCharsets.UTF_8);
    assertThat(page)
        .contains("<script src=\"live.js\"></script>", "href=\"live.css\"", "id=\"frame\"");
    assertThat(get("live.js").headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(get("nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void beforeTheFirstFrameTheFrameIsUnavailableAndTheStatusSaysSo() throws Exception {
    start(PixelType.UINT8, 4, 4, 0);
    HttpResponse<byte[]> r = get("frame.png");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
    JsonNode s = json("status.json");
    assertThat(s.get("frames").asLong()).isZero();
    assertThat(s.get("frameIndex").asLong()).isEqualTo(-1);
    assertThat(s.has("histogram")).isFalse();
  }

  @Test
  void theFrameIsTheNewestWithItsPixelsThroughTheWindow() throws Exception {
    start(PixelType.UINT8, 16, 8, 0);
    byte[] px = new byte[16 * 8];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 2);
    }
    for (int i = 0; i < 10; i++) {
      feed(frame8(i, 16, 8, px), DeviceCounters.NONE);
    }
    HttpResponse<byte[]> r = get("frame.png?contrast=fixed&lo=0&hi=255");
    assertThat(r.headers().firstValue("X-Scopeio-Frame")).hasValue("9");
    assertThat(r.headers().firstValue("X-Scopeio-Window")).hasValue("0,255");
    BufferedImage img = image(r);
    assertThat(img.getWidth()).isEqualTo(16);
    assertThat(img.getHeight()).isEqualTo(8);
    for (int i = 0; i < px.length; i++) {
      assertThat(img.getRaster().getSample(i % 16, i / 16, 0)).isEqualTo(px[i] & 0xFF);
    }
    // min-max stretches 0..254 over 0..255
    BufferedImage stretched = image(get("frame.png?contrast=min-max"));
    assertThat(stretched.getRaster().getSample(0, 0, 0)).isZero();
    assertThat(stretched.getRaster().getSample(15, 7, 0)).isEqualTo(255);
    assertThat(stretched.getRaster().getSample(1, 0, 0)).isEqualTo(2); // round(2 * 255 / 254)
    HttpResponse<byte[]> jpeg = get("frame.jpg");
    assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(image(jpeg).getWidth()).isEqualTo(16);
  }

  @Test
  void sixteenBitFramesMapThroughAFixedWindowAndAutoIgnoresHotPixels() throws Exception {
    start(PixelType.UINT16, 100, 100, 0);
    short[] px = new short[100 * 100];
    for (int i = 0; i < px.length; i++) {
      px[i] = (short) (1000 + i % 1000); // 1000..1999, ten of each
    }
    px[0] = (short) 65535; // a hot pixel
    px[1] = 999;
    px[2] = 1500;
    feed(
        Frame.builder(100, 100, PixelType.UINT16).index(0).pixels(px).build(), DeviceCounters.NONE);
    HttpResponse<byte[]> fixed = get("frame.png?contrast=fixed&lo=1000&hi=2000");
    BufferedImage img = image(fixed);
    assertThat(img.getRaster().getSample(0, 0, 0)).isEqualTo(255); // above the window
    assertThat(img.getRaster().getSample(1, 0, 0)).isZero(); // below it
    assertThat(img.getRaster().getSample(2, 0, 0)).isEqualTo(128); // 127.5 rounds up
    // auto: 0.1 % of 10,000 pixels is 10 at each end, so the hot pixel does not set the top;
    // at the bottom 999 and nine 1000s are left out
    JsonNode auto = json("status.json?contrast=auto");
    assertThat(auto.get("window").get(0).asInt()).isEqualTo(1001);
    assertThat(auto.get("window").get(1).asInt()).isEqualTo(1999);
    JsonNode minMax = json("status.json?contrast=min-max");
    assertThat(minMax.get("window").toString()).isEqualTo("[999,65535]");
    assertThat(get("frame.png?contrast=auto").headers().firstValue("X-Scopeio-Window"))
        .hasValue("1001,1999");
    assertThat(get("frame.png?contrast=sideways").statusCode()).isEqualTo(400);
    assertThat(new String(get("frame.png?lo=x&contrast=fixed").body(), StandardCharsets.UTF_8))
        .isEqualTo("lo must be an integer, got 'x'");
  }

  @Test
  void theHistogramCountsEveryPixelInEqualBinsOverTheWholeRange() throws Exception {
    start(PixelType.UINT8, 8, 8, 0);
    byte[] px = new byte[64];
    for (int i = 0; i < 64; i++) {
      px[i] = (byte) (i < 48 ? 10 : 200);
    }
    feed(frame8(0, 8, 8, px), DeviceCounters.NONE);
    JsonNode h = json("status.json?bins=4").get("histogram");
    assertThat(h.toString()).isEqualTo("[48,0,0,16]");
    assertThat(json("status.json").get("histogram")).hasSize(256);
    assertThat(json("status.json").get("histogram").get(10).asLong()).isEqualTo(48);
  }

  @Test
  void statusCountsFramesLossesAndListsTheOutputFilesWithTheirSizes() throws Exception {
    start(PixelType.UINT8, 4, 4, Long.MAX_VALUE);
    Files.write(dir.resolve("rec.ome.tif"), new byte[1234]);
    Files.write(dir.resolve("rec.csv"), new byte[10]);
    Files.write(dir.resolve("other.csv"), new byte[10]);
    feed(frame8(0, 4, 4, new byte[16]), DeviceCounters.NONE);
    Frame padded =
        Frame.builder(4, 4, PixelType.UINT8)
            .index(1)
            .pixels(new byte[16])
            .integrity(new FrameIntegrity(1, 8, 0, 0, 0))
            .build();
    feed(padded, new DeviceCounters(2, 3, 10, 4, 1));
    JsonNode s = json("status.json");
    assertThat(s.get("frames").asLong()).isEqualTo(2);
    assertThat(s.get("frameIndex").asLong()).isEqualTo(1);
    assertThat(s.get("dropped").asLong()).isEqualTo(3);
    assertThat(s.get("buffersDropped").asLong()).isEqualTo(4);
    assertThat(s.get("missing").asLong()).isEqualTo(1);
    assertThat(s.get("incomplete").asLong()).isEqualTo(1);
    assertThat(s.get("padded").asLong()).isEqualTo(8);
    assertThat(s.get("width").asInt()).isEqualTo(4);
    assertThat(s.get("pixelType").asText()).isEqualTo("uint8");
    assertThat(s.get("files").toString())
        .isEqualTo(
            "[{\"name\":\"rec.csv\",\"bytes\":10},{\"name\":\"rec.ome.tif\",\"bytes\":1234}]");
    JsonNode disk = s.get("disk");
    assertThat(disk.get("free").asLong()).isPositive();
    assertThat(disk.get("warning").asBoolean()).as("under a threshold of Long.MAX_VALUE").isTrue();
  }

  @Test
  void noWarningWithPlentyOfSpace() throws Exception {
    start(PixelType.UINT8, 4, 4, 0);
    assertThat(json("status.json").get("disk").get("warning").asBoolean()).isFalse();
  }

  @Test
  void plotsComeFromTheTelemetryReductions() throws Exception {
    start(PixelType.UINT8, 2, 2, 0);
    for (int i = 0; i < 100; i++) {
      byte v = (byte) i;
      feed(frame8(i, 2, 2, new byte[] {v, v, v, v}), new DeviceCounters(i + 1, i / 10, 0, 0, 0));
    }
    JsonNode t = json("telemetry.json?seconds=5&points=10");
    assertThat(t.get("end").asLong()).isEqualTo(100);
    assertThat(t.get("increment").asLong()).isEqualTo(10);
    assertThat(t.get("start").asLong()).isZero();
    assertThat(t.get("t")).hasSize(10);
    assertThat(t.get("t").get(0).asDouble()).isEqualTo(0.25); // middle of frames 0..9 at 20/s
    JsonNode mean = t.get("series").get("pixel_mean");
    assertThat(mean.get("mean").get(3).asDouble()).isEqualTo(34.5); // frames 30..39
    assertThat(mean.get("min").get(3).asDouble()).isEqualTo(30);
    assertThat(mean.get("max").get(3).asDouble()).isEqualTo(39);
    // one frame dropped every ten: the sum per record counts them
    assertThat(t.get("series").get("dropped").get("sum").get(5).asDouble())
        .isCloseTo(1.0, within(1e-9));
    JsonNode device = t.get("series").get("interval_device_ms").get("mean");
    assertThat(device.get(0).isNull() || device.get(0).asDouble() == 50.0).isTrue();
    assertThat(device.get(9).asDouble()).isEqualTo(50.0);
    // no battery in these frames: records without samples are null, not NaN
    assertThat(t.get("series").get("battery_voltage").get("mean").get(0).isNull()).isTrue();
    JsonNode last = json("telemetry.json?seconds=1&points=1000");
    assertThat(last.get("start").asLong()).isEqualTo(80);
    assertThat(last.get("increment").asLong()).isEqualTo(1);
  }

  @Test
  void refusesForeignHostsAndAnythingButGetAndHead() throws Exception {
    start(PixelType.UINT8, 4, 4, 0);
    assertThat(raw("GET /status.json HTTP/1.1\r\nHost: evil.example:" + view.port() + "\r\n"))
        .startsWith("HTTP/1.1 403")
        .contains("unexpected Host header evil.example:" + view.port());
    assertThat(raw("GET / HTTP/1.1\r\n")).startsWith("HTTP/1.1 400"); // no Host, on any JDK 17
    assertThat(raw("GET / HTTP/1.1\r\nHost: localhost:" + view.port() + "\r\n"))
        .startsWith("HTTP/1.1 200");
    assertThat(raw("POST /status.json HTTP/1.1\r\nHost: 127.0.0.1:" + view.port() + "\r\n"))
        .startsWith("HTTP/1.1 405")
        .contains("Allow: GET, HEAD");
    assertThat(raw("HEAD /status.json HTTP/1.1\r\nHost: 127.0.0.1:" + view.port() + "\r\n"))
        .startsWith("HTTP/1.1 200");
  }

  private String raw(String head) throws IOException {
    try (Socket s = new Socket(view.uri().getHost(), view.port())) {
      s.getOutputStream()
          .write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aTakenPortIsRefusedNamingItAndTheWayOut() throws Exception {
    start(PixelType.UINT8, 4, 4, 0);
    DeviceInfo info =
        new DeviceInfo(
            "test", "t", 4, 4, PixelType.UINT8, 20.0, null, Map.of(), -1, Pace.ON_DEMAND);
    assertThatThrownBy(
            () ->
                LiveView.start(
                    LiveView.Settings.of(view.port(), dir.resolve("x")),
                    info,
                    FrameTelemetry.forStream(info, 64)))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("127.0.0.1:" + view.port())
        .hasMessageContaining("--live 0");
    assertThatThrownBy(() -> LiveView.Settings.of(70000, dir))
        .hasMessage("live view port must be 0 to 65535, got 70000");
  }

  @Test
  void closingStopsServing() throws Exception {
    start(PixelType.UINT8, 4, 4, 0);
    URI status = view.uri().resolve("status.json");
    view.close();
    view = null;
    assertThatThrownBy(
            () ->
                http.send(
                    HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void howeverOftenBrowsersAskTheServerEncodesAtMostTenFramesASecond() throws Exception {
    start(PixelType.UINT8, 8, 8, 0);
    feed(frame8(0, 8, 8, new byte[64]), DeviceCounters.NONE);
    long asked = System.nanoTime();
    assertThat(get("frame.png").headers().firstValue("X-Scopeio-Frame")).hasValue("0");
    feed(frame8(1, 8, 8, new byte[64]), DeviceCounters.NONE);
    HttpResponse<byte[]> again = get("frame.png");
    if (System.nanoTime() - asked < LiveView.FRAME_MILLIS * 900_000L) {
      assertThat(again.headers().firstValue("X-Scopeio-Frame")).as("the same image").hasValue("0");
    }
    Thread.sleep(LiveView.FRAME_MILLIS + 20);
    assertThat(get("frame.png").headers().firstValue("X-Scopeio-Frame")).hasValue("1");
    // another contrast is another image, made at once
    feed(frame8(2, 8, 8, new byte[64]), DeviceCounters.NONE);
    assertThat(get("frame.png?contrast=min-max").headers().firstValue("X-Scopeio-Frame"))
        .hasValue("2");
  }

  @Test
  void aStalledBrowserDoesNotHoldUpTheRecordingThread() throws Exception {
    start(PixelType.UINT8, 64, 64, 0);
    // two connections that send half a request and never read: both server threads may be stuck
    try (Socket a = new Socket(view.uri().getHost(), view.port());
        Socket b = new Socket(view.uri().getHost(), view.port())) {
      a.getOutputStream().write("GET /frame.png HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      b.getOutputStream().write("GET /status".getBytes(StandardCharsets.US_ASCII));
      byte[] px = new byte[64 * 64];
      for (int i = 0; i < 10_000; i++) {
        feed(frame8(i, 64, 64, px), DeviceCounters.NONE);
      }
      assertThat(telemetry.buffer().sampleCount()).isEqualTo(10_000);
    }
    // once they are gone, the page gets the newest frame
    HttpResponse<byte[]> r = get("frame.png");
    assertThat(r.headers().firstValue("X-Scopeio-Frame")).hasValue("9999");
  }
}
