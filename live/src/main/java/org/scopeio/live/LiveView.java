package org.scopeio.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.core.Recording;
import org.scopeio.live.internal.FrameImage;
import org.scopeio.live.internal.LocalOnly;
import org.scopeio.live.internal.Query;
import org.scopeio.live.internal.RecentAnswer;
import org.scopeio.live.internal.Responses;
import org.scopeio.live.internal.Snapshot;
import org.scopeio.live.internal.StatusReport;
import org.scopeio.live.internal.TelemetryPlots;
import org.scopeio.telemetry.FrameTelemetry;
import org.scopeio.telemetry.TelemetryBuffer;

/**
 * The live view: a web page on this computer showing the newest frame, its histogram, telemetry
 * plots and status badges while a recording runs. It is a {@link Recording.Listener}; add it after
 * the {@link org.scopeio.telemetry.FrameTelemetry} that fills its telemetry buffer.
 *
 * <pre>
 *  recording thread                        server threads (2, daemon)         browser (polls)
 *  Recording ─► FrameTelemetry ─► TelemetryBuffer ◄── /telemetry.json plots  ◄── every second
 *           └─► LiveView.onFrame ─► newest Snapshot (one reference, replaced per frame)
 *                                        ◄── /status.json badges, histogram ◄── 4 times a second
 *                                        ◄── /frame.png|jpg contrast window ◄── when the index
 *                                                                              changes, one at
 *                                                                              a time
 * </pre>
 *
 * The recording thread only replaces one reference per frame; everything else (histograms, image
 * encoding, statistics, listing files) runs on the server's own threads when the browser asks, so a
 * slow or absent browser costs the recording nothing and frames are never queued: a request always
 * gets the newest frame. The server is bound to 127.0.0.1 and answers only local requests (see
 * {@link LocalOnly}); the page, its script and its style are served from this jar (no CDN).
 */
public final class LiveView implements Recording.Listener, AutoCloseable {
  /** The port {@code --live} uses when none is given. */
  public static final int DEFAULT_PORT = 8765;

  /** The free disk space under which the page warns, unless set otherwise: 2 GiB. */
  public static final long DEFAULT_DISK_WARNING = 2L << 30;

  // the least time between two images, statuses and plot answers, whoever asks
  static final long FRAME_MILLIS = 100;
  static final long STATUS_MILLIS = 100;
  static final long PLOT_MILLIS = 250;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The page, its script and its style, by request path, read from the jar once. */
  private static final Map<String, Page> PAGES =
      Map.of(
          "/", Page.load("index.html"),
          "/index.html", Page.load("index.html"),
          "/live.js", Page.load("live.js"),
          "/live.css", Page.load("live.css"));

  private record Page(String type, byte[] body) {
    static Page load(String name) {
      try (InputStream in = LiveView.class.getResourceAsStream("/org/scopeio/live/page/" + name)) {
        byte[] body = Objects.requireNonNull(in, name).readAllBytes();
        String type =
            name.endsWith(".html")
                ? "text/html; charset=utf-8"
                : name.endsWith(".js")
                    ? "text/javascript; charset=utf-8"
                    : "text/css; charset=utf-8";
        return new Page(type, body);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the live view's " + name, e);
      }
    }
  }

  /**
   * Where and how to serve.
   *
   * @param port TCP port on 127.0.0.1; 0 picks a free one
   * @param outputStem the recording's output stem, whose files the page lists
   * @param diskWarningBytes free space under which the page warns
   */
  public record Settings(int port, Path outputStem, long diskWarningBytes) {
    public Settings {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("live view port must be 0 to 65535, got " + port);
      }
      Objects.requireNonNull(outputStem, "outputStem");
    }

    public static Settings of(int port, Path outputStem) {
      return new Settings(port, outputStem, DEFAULT_DISK_WARNING);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final DeviceInfo info;
  private final FrameTelemetry telemetry;
  private final TelemetryPlots plots;
  private final StatusReport status;
  private final AtomicReference<Snapshot> newest = new AtomicReference<>();
  private final AtomicReference<FrameImage> image = new AtomicReference<>();
  private final RecentAnswer frameAnswer = new RecentAnswer(FRAME_MILLIS);
  private final RecentAnswer statusAnswer = new RecentAnswer(STATUS_MILLIS);
  private final RecentAnswer plotAnswer = new RecentAnswer(PLOT_MILLIS);

  private LiveView(
      HttpServer server,
      ExecutorService threads,
      DeviceInfo info,
      FrameTelemetry telemetry,
      Settings s) {
    this.server = server;
    this.threads = threads;
    this.info = info;
    this.telemetry = telemetry;
    TelemetryBuffer buffer = telemetry.buffer();
    this.plots = new TelemetryPlots(buffer);
    this.status =
        new StatusReport(info, buffer, s.outputStem(), s.diskWarningBytes(), System.nanoTime());
  }

  /**
   * Starts serving {@code info}'s frames and what {@code telemetry} gathers of them.
   *
   * @throws IOException if the port cannot be bound, naming it
   */
  public static LiveView start(Settings settings, DeviceInfo info, FrameTelemetry telemetry)
      throws IOException {
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port());
    limitSlowClients();
    HttpServer server;
    try {
      server = HttpServer.create(address, 16);
    } catch (BindException e) {
      throw new BindException(
          "cannot serve the live view on 127.0.0.1:"
              + settings.port()
              + " ("
              + e.getMessage()
              + "); choose another port with --live PORT, or --live 0 for a free one");
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "scopeio-live-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    LiveView view = new LiveView(server, threads, info, telemetry, settings);
    LocalOnly local = new LocalOnly(server.getAddress().getPort());
    server.createContext("/", view::serve).getFilters().add(local);
    server.setExecutor(threads);
    server.start();
    return view;
  }

  /** The page's address, {@code http://127.0.0.1:PORT/}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  /**
   * Keeps stalled or slow clients from holding the server's two threads: the JDK's server closes a
   * connection whose request has not arrived whole within 2 s, or whose response has not been taken
   * within 10 s (its documented {@code sun.net.httpserver} settings, read when the first server is
   * made; values set by the user win).
   */
  private static void limitSlowClients() {
    for (String[] p :
        new String[][] {
          {"sun.net.httpserver.maxReqTime", "2"},
          {"sun.net.httpserver.maxRspTime", "10"},
          {"sun.net.httpserver.timerMillis", "250"}
        }) {
      if (System.getProperty(p[0]) == null) {
        System.setProperty(p[0], p[1]);
      }
    }
  }

  /** The port served. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Keeps {@code frame} as the newest; the only work done on the recording thread. */
  @Override
  public void onFrame(Frame frame, DeviceCounters counters) {
    newest.set(
        new Snapshot(
            frame,
            counters,
            telemetry.frames(),
            telemetry.incompleteFrames(),
            telemetry.paddedPixels(),
            telemetry.suspectPixels()));
  }

  /** Stops serving at once; open page requests are cut off. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Query query = new Query(exchange.getRequestURI());
      try {
        Page page = PAGES.get(path);
        if (page != null) {
          Responses.send(exchange, 200, page.type(), page.body());
        } else if (path.equals("/status.json")) {
          answer(exchange, statusAnswer.get(query.toString(), () -> jsonAnswer(statusOf(query))));
        } else if (path.equals("/telemetry.json")) {
          int seconds = query.integer("seconds", 120, 1, 86_400);
          int points = query.integer("points", 300, 1, 4000);
          answer(
              exchange,
              plotAnswer.get(
                  seconds + "/" + points, () -> jsonAnswer(plots.series(seconds, points))));
        } else if (path.equals("/frame.png") || path.equals("/frame.jpg")) {
          serveFrame(exchange, query, path.endsWith(".png") ? "png" : "jpeg");
        } else {
          Responses.text(exchange, 404, "no such page: " + path);
        }
      } catch (IllegalArgumentException e) {
        Responses.text(exchange, 400, e.getMessage());
      }
    }
  }

  private Map<String, Object> statusOf(Query query) {
    Snapshot s = newest.get();
    Map<String, Object> m = status.report(s, System.nanoTime());
    if (s != null) {
      FrameImage f = imageOf(s.frame());
      int[] window = ContrastRequest.of(query, info).windowOf(f);
      m.put("window", List.of(window[0], window[1]));
      int bins = query.integer("bins", 256, 1, info.pixelType().maxValue() + 1);
      m.put("histogram", f.histogram(bins));
    }
    return m;
  }

  private void serveFrame(HttpExchange exchange, Query query, String format) throws IOException {
    Snapshot s = newest.get();
    if (s == null) {
      exchange.getResponseHeaders().set("Retry-After", "1");
      Responses.text(exchange, 503, "no frame yet");
      return;
    }
    ContrastRequest contrast = ContrastRequest.of(query, info); // validated before the cache
    RecentAnswer.Answer a =
        frameAnswer.get(
            contrast + "/" + format,
            () -> {
              Snapshot newer = newest.get();
              FrameImage f = imageOf(newer.frame());
              int[] window = contrast.windowOf(f);
              return new RecentAnswer.Answer(
                  f.encode(window[0], window[1], format),
                  "image/" + format,
                  Long.toString(newer.frame().index()),
                  window[0] + "," + window[1]);
            });
    answer(exchange, a);
  }

  private static void answer(HttpExchange exchange, RecentAnswer.Answer a) throws IOException {
    if (a.frame() != null) {
      exchange.getResponseHeaders().set("X-Scopeio-Frame", a.frame());
      exchange.getResponseHeaders().set("X-Scopeio-Window", a.window());
    }
    Responses.send(exchange, 200, a.type(), a.body());
  }

  private static RecentAnswer.Answer jsonAnswer(Object value) {
    try {
      return new RecentAnswer.Answer(JSON.writeValueAsBytes(value), "application/json", null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // maps and lists of numbers and strings: does not happen
    }
  }

  /**
   * The contrast a request asks for: {@code contrast=auto|min-max|fixed}, {@code lo}, {@code hi}.
   */
  private record ContrastRequest(Contrast contrast, int lo, int hi) {
    static ContrastRequest of(Query query, DeviceInfo info) {
      String id = query.text("contrast", "auto");
      int max = info.pixelType().maxValue();
      for (Contrast c : Contrast.values()) {
        if (c.name().replace('_', '-').equalsIgnoreCase(id)) {
          return new ContrastRequest(
              c, query.integer("lo", 0, 0, max), query.integer("hi", max, 0, max));
        }
      }
      throw new IllegalArgumentException(
          "contrast must be auto, min-max or fixed, got '" + id + "'");
    }

    int[] windowOf(FrameImage f) {
      return f.window(contrast, lo, hi);
    }

    @Override
    public String toString() {
      return contrast + "/" + lo + "/" + hi;
    }
  }

  /** The histogram of {@code frame}, computed once per frame by whichever request comes first. */
  private FrameImage imageOf(Frame frame) {
    FrameImage f = image.get();
    if (f == null || f.frame() != frame) {
      f = new FrameImage(frame);
      image.set(f);
    }
    return f;
  }
}
