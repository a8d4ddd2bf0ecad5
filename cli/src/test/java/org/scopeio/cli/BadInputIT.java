package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through the {@code scopeio} command, as a user or an adversarial tester would give
 * it: damaged cards and streams at many offsets, absurd configs, options and sidecars, outputs that
 * are inputs, special files. Each case runs the shaded jar in its own JVM with a 256 MiB heap and
 * asserts its outcome: the exit code, the key words of the message, every input byte for byte as
 * before, a bounded time, no {@code internal error} and no stack trace. The counts per group are
 * written to {@code target/bad-input-report.txt} (the README's reliability section quotes them).
 */
class BadInputIT {
  @TempDir static Path dir;

  /** Longest a case may take (JVM start included). */
  static final long MAX_MILLIS = 20_000;

  record Case(String group, String name, List<String> args, int exit, List<String> words) {}

  record Outcome(int code, String out, String err, long millis, List<String> changedInputs) {}

  static final List<Case> CASES = new ArrayList<>();
  static final Map<Case, Future<Outcome>> RESULTS = new LinkedHashMap<>();
  static ExecutorService pool;

  /** Files no case may change. */
  static final Map<Path, String> INPUTS = new TreeMap<>();

  static Path card;

  @BeforeAll
  static void prepare() throws Exception {
    CliTest cli = CliTest.in(dir);
    card = dir.resolve("card.img");
    assertThat(
            cli.run(
                    "simulate",
                    "sdcard",
                    card.toString(),
                    "--width",
                    "64",
                    "--height",
                    "48",
                    "--frames",
                    "12",
                    "--buffer-size",
                    "1024",
                    "--seed",
                    "5")
                .code())
        .isZero();
    Path capture = dir.resolve("C.bin");
    assertThat(cli.run("simulate", "stream", capture.toString(), "--frames", "4").code()).isZero();
    assertThat(
            cli.run(
                    "record",
                    "--out",
                    dir.resolve("R").toString(),
                    "--format",
                    "raw",
                    "--frames",
                    "4",
                    "-O",
                    "pacing=as-fast-as-possible",
                    "-O",
                    "width=32",
                    "-O",
                    "height=24")
                .code())
        .isZero();
    copy(card, "X.raw");
    copy(card, "c.ome.tif");
    copy(card, "T_telemetry.csv");
    copy(capture, "C.csv");
    Files.createSymbolicLink(dir.resolve("L.raw"), card);
    Files.createSymbolicLink(dir.resolve("sym.img"), card);
    Files.createLink(dir.resolve("hard.img"), card);
    Files.createDirectories(dir.resolve("folder.img"));
    Files.createDirectories(dir.resolve("folder.csv"));
    Files.writeString(dir.resolve("empty.img"), "");
    new ProcessBuilder("mkfifo", dir.resolve("fifo.img").toString()).start().waitFor();
    new ProcessBuilder("mkfifo", dir.resolve("fifo.yaml").toString()).start().waitFor();

    cases();
    for (Path p : Files.list(dir).sorted().toList()) {
      if (Files.isRegularFile(p) && !Files.isSymbolicLink(p)) {
        INPUTS.put(p, sha256(p));
      }
    }
    pool = Executors.newFixedThreadPool(2);
    for (Case c : CASES) {
      RESULTS.put(c, pool.submit(() -> run(c)));
    }
  }

  @AfterAll
  static void report() throws IOException {
    pool.shutdownNow();
    Map<String, Integer> groups = new TreeMap<>();
    CASES.forEach(c -> groups.merge(c.group(), 1, Integer::sum));
    StringBuilder sb = new StringBuilder("group\tcases\n");
    groups.forEach((g, n) -> sb.append(g).append('\t').append(n).append('\n'));
    sb.append("all\t").append(CASES.size()).append('\n');
    Path target = Path.of(System.getProperty("scopeio.jar")).getParent();
    Files.writeString(target.resolve("bad-input-report.txt"), sb);
  }

  @TestFactory
  Stream<DynamicTest> everyHostileInputGetsItsExpectedOutcome() {
    assertThat(CASES).hasSizeGreaterThanOrEqualTo(150);
    return CASES.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.group() + ": " + c.name(), () -> check(c, RESULTS.get(c).get())));
  }

  static void check(Case c, Outcome o) {
    String all = o.out() + o.err();
    String shown = "scopeio " + String.join(" ", c.args()) + "\n" + all;
    assertThat(o.code()).as(shown).isEqualTo(c.exit());
    for (String w : c.words()) {
      assertThat(all.toLowerCase(Locale.ROOT)).as(shown).contains(w.toLowerCase(Locale.ROOT));
    }
    assertThat(all).as(shown).doesNotContain("internal error", "Exception in thread", "\tat ");
    assertThat(all).as(shown).doesNotContain("OutOfMemoryError", "StackOverflowError");
    assertThat(o.changedInputs()).as(shown).isEmpty();
    assertThat(o.millis()).as(shown).isLessThan(MAX_MILLIS);
  }

  static Outcome run(Case c) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    cmd.addAll(List.of("-cp", System.getProperty("scopeio.jar"), "org.scopeio.cli.Main"));
    cmd.addAll(c.args());
    Path out = Files.createTempFile(dir.resolve("runs"), "out", ".txt");
    Path err = Files.createTempFile(dir.resolve("runs"), "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().put("SCOPEIO_CONFIG_DIR", dir.resolve("user-configs").toString());
    long t0 = System.nanoTime();
    Process p = pb.start();
    boolean done = p.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly().waitFor();
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    List<String> changed = new ArrayList<>();
    synchronized (INPUTS) {
      for (Map.Entry<Path, String> e : INPUTS.entrySet()) {
        if (!Files.exists(e.getKey()) || !sha256(e.getKey()).equals(e.getValue())) {
          changed.add(dir.relativize(e.getKey()).toString());
        }
      }
    }
    return new Outcome(
        done ? p.exitValue() : -1,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        done ? millis : Long.MAX_VALUE,
        changed);
  }

  // ---------------------------------------------------------------------------------- the cases

  /**
   * A case: {@code command} is split at spaces ({@code OUT/} stands for the output folder), and
   * every one of {@code words} must appear in what scopeio prints.
   */
  static void add(String group, int exit, String command, String... words) {
    List<String> args = new ArrayList<>();
    for (String a : command.trim().split(" +")) {
      args.add(a.replace("OUT/", dir.resolve("out") + "/"));
    }
    CASES.add(new Case(group, command, args, exit, List.of(words)));
  }

  static void cases() throws IOException {
    Files.createDirectories(dir.resolve("runs"));
    outputIsInput();
    sdLayouts();
    headerFormats();
    streamConfigs();
    simulatedOptions();
    rawVideo();
    commandLine();
    configFiles();
    damagedCards();
    damagedStreams();
    specialFiles();
  }

  static void outputIsInput() throws IOException {
    String g = "output is an input";
    String refused = "refusing to write it, even with --force";
    String same = "is the same file as the input";
    add(g, 1, "sdcard convert X.raw --out X --format raw --force", refused);
    add(g, 1, "sdcard convert X.raw --out X --format csv,ome-tiff,raw --force", refused);
    add(g, 1, "sdcard convert c.ome.tif --out c --force", refused);
    add(g, 1, "sdcard convert card.img --out L --format raw --force", same);
    add(g, 1, "sdcard truncate card.img card.img --frames 1 --force", refused);
    add(g, 1, "sdcard truncate card.img hard.img --frames 1 --force", same);
    add(g, 1, "sdcard truncate card.img sym.img --frames 1 --force", same);
    add(g, 1, "stream capture --source file:C.bin --binary --out C --force", refused);
    add(g, 1, "stream decode C.csv --out C --format csv --force", refused);
    add(g, 1, "record --device raw -O file=R.raw --out R --format raw --force", refused);
    add(g, 1, "record --device raw -O file=R.raw --out R --format csv,raw --force", refused);
    add(g, 1, "sdcard convert T_telemetry.csv --out T --format raw --force", refused);
    add(g, 1, "record --device sdcard -O image=X.raw --out X --format raw --force", refused);
    Files.writeString(dir.resolve("lay.yaml"), resource("scopeio/config/wirefree-sd-layout.yaml"));
    add(g, 1, "simulate sdcard lay.yaml --layout lay.yaml --force", refused);
    Files.writeString(dir.resolve("s.yaml"), resource("scopeio/config/wireless-200px.yaml"));
    add(g, 1, "simulate stream s.yaml --config s.yaml --force", refused);
    add(
        g,
        0,
        "record --device raw -O file=R.raw --out OUT/R2 --format ome-tiff"
            + " -O pacing=as-fast-as-possible",
        "Recorded 4 frames");
  }

  static String resource(String name) throws IOException {
    try (var in = BadInputIT.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A copy of a packaged config with {@code from} replaced by {@code to}. */
  static String variant(String resource, String file, String from, String to) throws IOException {
    String text = resource(resource);
    assertThat(text).as(resource).contains(from);
    Files.writeString(dir.resolve(file), text.replace(from, to));
    return file;
  }

  static void sdLayouts() throws IOException {
    String g = "SD layout";
    String r = "scopeio/config/wirefree-sd-layout.yaml";
    String[][] v = {
      {"  frame_num: 2", "  frame_num: 1000000", "buffer.frame_num is word 1000000"},
      {"  frame_num: 2", "  frame_num: -1", "buffer.frame_num is word -1"},
      {"  frame_num: 2", "  frame_num: null", "buffer.frame_num is required"},
      {"  timestamp: 7", "  timestamp: null", "buffer.timestamp is required"},
      {"  data_length: 8", "  data_length: 200", "buffer.data_length is word 200"},
      {"  gain: 4", "  gain: 500", "header.gain is word 500"},
      {"  width: 0", "  width: -2", "config.width is word -2"},
      {"  header: 1022", "  header: 99999999999", "sector numbers must be 0 to"},
      {"  size: 512", "  size: 4096", "sectors.size must be 512"},
      {"write_key0: 226277911", "write_key0: -5", "write keys are unsigned 32-bit"},
      {"write_key0: 226277911", "write_key0: abc", "expected a whole number"},
      {"  length: 0", "  length: 3", "buffer.length must be 0"},
      {"sectors:", "bogus: 1\nsectors:", "unknown key"},
      {
        "mio_model: mio.models.sdcard.SDLayout",
        "mio_model: mio.models.stream.StreamDevConfig",
        "declares model"
      },
      {"  n_buffers_recorded: 4", "  n_buffers_recorded: [4]", "expected a whole number"},
    };
    for (int i = 0; i < v.length; i++) {
      add(
          g,
          1,
          "sdcard info card.img --layout " + variant(r, "layout" + i + ".yaml", v[i][0], v[i][1]),
          v[i][2]);
    }
    add(g, 1, "sdcard info card.img --layout nope", "no config with id 'nope'");
    add(g, 1, "sdcard info card.img --layout wirefree-sd-layout-legacy", "config sector field");
  }

  static void headerFormats() throws IOException {
    String g = "header format";
    String r = "scopeio/config/stream-buffer-header.yaml";
    String[][] v = {
      {"frame_num: 1", "frame_num: 1000000", "word index from 0 to 127"},
      {"frame_num: 1", "frame_num: -1", "word index from 0 to 127"},
      {"frame_num: 1", "frame_num: null", "has no word for frame_num"},
      {"timestamp: 6", "timestamp: null", "has no word for timestamp"},
      {"frame_num: 1", "frame_num: one", "word index"},
      {"frame_num: 1", "frame_num: 1.5", "word index"},
      {"frame_num: 1", "frame_num: {a: 1}", "word index"},
      {"pixel_count: 7", "pixel_count: 40", "needs 41 words but header_len leaves 11"},
    };
    for (int i = 0; i < v.length; i++) {
      add(
          g,
          1,
          "stream decode C.bin --out OUT/h"
              + i
              + " --header-format "
              + variant(r, "header" + i + ".yaml", v[i][0], v[i][1]),
          v[i][2]);
    }
    Files.writeString(
        dir.resolve("header-empty.yaml"),
        "id: h\nmio_model: mio.models.stream.StreamBufferHeaderFormat\n");
    add(g, 1, "stream decode C.bin --header-format header-empty.yaml --out OUT/he", "needs fields");
  }

  static void streamConfigs() throws IOException {
    String g = "stream config";
    String r = "scopeio/config/wireless-200px.yaml";
    String[][] v = {
      {"dummy_words: 10", "dummy_words: 1000000000", "'dummy_words' must be 0 to"},
      {"dummy_words: 10", "dummy_words: -1", "'dummy_words' must be 0 to"},
      {"frame_width: 200", "frame_width: 0", "frame size must be 1 to 8192"},
      {"frame_width: 200", "frame_width: 100000", "frame size must be 1 to 8192"},
      {"header_len: 384", "header_len: 7", "header_len"},
      {"header_len: 384", "header_len: 1000000", "header_len"},
      {"buffer_block_length: 10", "buffer_block_length: 0", "'buffer_block_length' must be"},
      {"block_size: 512", "block_size: 2000000000", "'block_size' must be"},
      {
        "buffer_block_length: 10\nblock_size: 512",
        "buffer_block_length: 65536\nblock_size: 65536",
        "16 MiB"
      },
      {"preamble: 0x12345678", "preamble: \"zz\"", "not hexadecimal"},
      {"preamble: 0x12345678", "preamble: \"0x12\"", "2 to 7 bytes"},
      {"preamble: 0x12345678", "preamble: 0", "preamble must be positive"},
      {"preamble: 0x12345678", "preamble: \"0x1234567890ABCDEF12\"", "2 to 7 bytes"},
      {"pix_depth: 8", "pix_depth: 16", "pix_depth 16 is not supported"},
      {"device: OK", "device: XYZ", "device must be OK or UART"},
      {"  bitdepth: 8", "  bitdepth: 99", "bitdepth' must be 1 to 32"},
      {"  image_buffer_queue_size: 5", "  image_buffer_queue_size: 0", "queue sizes must be 1 to"},
      {"num_buffers: 32", "num_buffers: 0", "'num_buffers' must be at least 1"},
      {"frame_height: 200", "frame_height: 200\nfs: 0", "'fs' must be 1 to 100000"},
    };
    for (int i = 0; i < v.length; i++) {
      add(
          g,
          1,
          "stream decode C.bin --out OUT/s"
              + i
              + " --config "
              + variant(r, "stream" + i + ".yaml", v[i][0], v[i][1]),
          v[i][2]);
    }
    for (int i : new int[] {0, 3, 8}) {
      add(g, 1, "simulate stream OUT/sim" + i + ".bin --config stream" + i + ".yaml", v[i][2]);
    }
  }

  static void simulatedOptions() {
    String g = "simulated device option";
    String[][] v = {
      {"neurons=-1", "'neurons' must be 0 to 10000, got -1"},
      {"neurons=100000000", "'neurons' must be 0 to 10000"},
      {"width=65536", "'width' must be 1 to 4096"},
      {"width=0", "'width' must be 1 to 4096"},
      {"height=abc", "key 'height': expected a whole number, got 'abc'"},
      {"fs=0", "'fs' must be a number from"},
      {"fs=NaN", "'fs' must be a number from"},
      {"fs=Infinity", "'fs' must be a number from"},
      {"frames=-1", "'frames' must be 0 to"},
      {"seed=abc", "key 'seed': expected a whole number"},
      {"seed=99999999999999999999", "seed"},
      {"pixel_type=uint32", "pixel type"},
      {"pacing=fast", "unknown pacing 'fast'"},
      {"overflow=spill", "overflow"},
      {"buffer_pixels=0", "'buffer_pixels' must be 1 to"},
      {"queue_size=0", "'queue_size' must be 1 to 1024"},
      {"queue_size=1000000", "'queue_size' must be 1 to 1024"},
      {"background=1e300", "'background' must be a number from"},
      {"read_noise=-1", "'read_noise' must be a number from"},
      {"motion_jitter=1000", "'motion_jitter' must be a number from"},
      {"spike_rate=1e9", "'spike_rate' must be a number from"},
      {"first_frame_number=-1", "'first_frame_number' must be 0 to"},
      {"header_format=nonexistent", "no config with id 'nonexistent'"},
      {"colour=red", "unknown option 'colour'"},
    };
    for (String[] c : v) {
      add(g, 1, "record --out OUT/o" + Math.abs(c[0].hashCode()) + " -O " + c[0], c[1]);
    }
    add(
        g,
        1,
        "record --out OUT/bigq -O width=4096 -O height=4096 -O queue_size=1024",
        "would hold more than 1 GiB");
  }

  static void rawVideo() throws IOException {
    String g = "raw video";
    String[][] opts = {
      {"num_rows=65536 -O num_columns=65536 -O dtype=uint16", "'num_rows' must be 1 to 65535"},
      {"num_rows=60000 -O num_columns=60000 -O dtype=<f8", "frames of at most 2 GiB"},
      {"num_rows=24 -O num_columns=32 -O dtype=<U4", "unknown dtype '<U4'"},
      {"sampling_frequency=Infinity", "'sampling_frequency' must be a number above 0"},
      {"sampling_frequency=0", "'sampling_frequency' must be a number above 0"},
      {"offset=-1", "offset must be >= 0"},
      {"offset=abc", "key 'offset': expected a whole number"},
      {"num_rows=24 -O num_columns=32 -O dtype=uint8 -O value_range=5:1", "value_range must be"},
      {"channel=3", "channel 3 does not exist"},
      {"num_rows=24 -O num_columns=32 -O dtype=uint8 -O rows_axis=0", "the same axis as"},
      {"num_rows=24", "give num_rows and num_columns together"},
    };
    for (String[] o : opts) {
      add(
          g,
          1,
          "record --device raw -O file=R.raw --out OUT/r"
              + Math.abs(o[0].hashCode())
              + " -O "
              + o[0],
          o[1]);
    }
    add(g, 1, "record --device raw -O file=none.raw --out OUT/rn", "none.raw: no such raw video");
    add(
        g,
        1,
        "record --device raw -O file=/dev/zero -O num_rows=2 -O num_columns=2 -O dtype=uint8"
            + " --out OUT/rz",
        "not a regular file");
    String sidecar = Files.readString(dir.resolve("R.raw.json"));
    String[][] side = {
      {"\"width\" : 32", "\"width\" : 1.5", "\"width\" must be a whole number"},
      {"\"offset\" : 0", "\"offset\" : \"abc\"", "\"offset\" must be a whole number"},
      {"\"byte_order\" : \"little\"", "\"byte_order\" : \"middle\"", "byte_order is 'middle'"},
      {"\"pixel_type\" : \"uint8\"", "\"pixel_type\" : \"float\"", "pixel_type is 'float'"},
      {"\"format\" : \"scopeio-raw\"", "\"format\" : \"other\"", "not a sidecar of Scopeio"},
      {"\"height\" : 24", "\"height\" : 100000", "\"height\" must be a whole number from 1"},
    };
    for (int i = 0; i < side.length; i++) {
      assertThat(sidecar).contains(side[i][0]);
      Files.copy(dir.resolve("R.raw"), dir.resolve("side" + i + ".raw"));
      Files.writeString(
          dir.resolve("side" + i + ".raw.json"), sidecar.replace(side[i][0], side[i][1]));
      add(g, 1, "record --device raw -O file=side" + i + ".raw --out OUT/side" + i, side[i][2]);
    }
    int cut = sidecar.lastIndexOf("}, {", sidecar.indexOf("\"gaps\""));
    String three =
        sidecar.substring(0, cut) + "} ]" + sidecar.substring(sidecar.indexOf(",\n  \"gaps\""));
    Files.copy(dir.resolve("R.raw"), dir.resolve("ts.raw"));
    Files.writeString(dir.resolve("ts.raw.json"), three);
    add(g, 1, "record --device raw -O file=ts.raw --out OUT/ts", "\"timestamps\" lists 3 frames");
    Files.copy(dir.resolve("R.raw"), dir.resolve("notjson.raw"));
    Files.writeString(dir.resolve("notjson.raw.json"), "{ this is not json");
    add(g, 1, "record --device raw -O file=notjson.raw --out OUT/nj", "not readable JSON");
  }

  static void commandLine() {
    String g = "command line";
    add(g, 2, "record --frames 0 --out OUT/f0", "expected a whole number from 1");
    add(g, 2, "record --frames -5 --out OUT/f1", "expected a whole number from 1");
    add(g, 2, "record --frames abc --out OUT/f2", "expected a whole number");
    add(g, 2, "record --duration 300000y --out OUT/d0", "not a duration");
    add(g, 2, "record --duration PT999999999H --out OUT/d1", "366 days");
    add(g, 2, "record --duration 400000h --out OUT/d2", "366 days");
    add(g, 2, "record --duration 0s --out OUT/d3", "must be positive");
    add(g, 2, "record --duration -5s --out OUT/d4", "not a duration");
    add(g, 2, "record --frames 5 --duration 5s --out OUT/d5", "mutually exclusive");
    add(g, 2, "sdcard convert card.img --frames 0:-1 --out OUT/r0", "negative frame");
    add(g, 2, "sdcard convert card.img --frames 5:3 --out OUT/r1", "is empty");
    add(g, 2, "sdcard convert card.img --frames -1: --out OUT/r2", "negative frame");
    add(g, 1, "sdcard convert card.img --frames 0:500 --out OUT/r3", "the card holds 12 frames");
    add(g, 1, "sdcard convert card.img --frames 50: --out OUT/r4", "starts at frame 50");
    add(g, 2, "sdcard convert card.img --frames x:y --out OUT/r5", "not a frame range");
    add(
        g,
        1,
        "record --device sdcard -O image=card.img -O end=-1 --out OUT/e0",
        "option -O end=-1",
        "expected a whole number from 1");
    add(
        g,
        1,
        "record --device sdcard -O image=card.img -O start=-1 --out OUT/e1",
        "option -O start=-1");
    add(g, 1, "record --device sdcard --out OUT/e2", "required: the card image");
    add(g, 2, "simulate stream OUT/x.bin --frames -1", "expected a whole number from 1");
    add(g, 2, "simulate stream OUT/y.bin --frames 0", "expected a whole number from 1");
    add(g, 2, "simulate sdcard OUT/z.img --frames 2000000", "1 to 1000000");
    add(g, 2, "simulate sdcard OUT/z.img --width 100000", "1 to 4096");
    add(g, 2, "simulate sdcard OUT/z.img --buffer-size 10", "64 to");
    add(g, 2, "simulate sdcard OUT/z.img --neurons -1", "0 to 10000");
    add(g, 2, "simulate sdcard OUT/z.img --fs 0", "1 to 1000");
    add(g, 1, "simulate sdcard OUT/z.img --fault gremlins", "unknown SD card fault 'gremlins'");
    add(g, 1, "simulate stream OUT/z.bin --fault gremlins", "unknown stream fault 'gremlins'");
    add(g, 1, "record -W sync=maybe --out OUT/w0", "unknown -W sync value 'maybe'");
    add(g, 1, "record -W avi.bits=20 --format avi --out OUT/w1", "must be between 9 and 16");
    add(g, 1, "record -W mp4.crf=99 --format mp4 --out OUT/w2", "must be between 0 and 51");
    add(g, 1, "record -W foo=1 --out OUT/w3", "unknown writer option 'foo'");
    add(g, 1, "record -W csv.columns=all --out OUT/w4", "must be one of scopeio, mio");
    add(g, 1, "record -W avi.frames-per-file=0 --format avi --out OUT/w5", "must be positive");
    add(g, 1, "record -W avi.max-file-bytes=10 --format avi --frames 1 --out OUT/w6", "holds no");
    add(
        g,
        1,
        "record -W raw.anything=1 --format raw --out OUT/w7",
        "unknown setting 'raw.anything'");
    add(g, 1, "record -W avi.bits=12 --format raw --out OUT/w8", "which --format");
    add(g, 1, "record --format webm --out OUT/w9", "unknown writer format 'webm'");
    add(g, 1, "record --format raw,raw --out OUT/w10", "listed twice");
    add(g, 2, "record --live=-1 --out OUT/l0", "port from 0 to 65535, got -1");
    add(g, 2, "record --live 70000 --out OUT/l1", "port from 0 to 65535, got 70000");
    add(g, 2, "record --live 99999999999999 --out OUT/l2", "port from 0 to 65535");
    add(
        g,
        2,
        "stream capture --source simulated --queue-size 0 --out OUT/q0",
        "expected a whole number from 1 to 4096");
    add(
        g,
        1,
        "stream capture --source simulated --overflow spill --frames 2 --out OUT/q1",
        "unknown overflow policy 'spill'");
    add(g, 1, "stream capture --source tcp:1 --out OUT/q2", "expected file:PATH, serial:PORT");
    add(g, 1, "stream capture --source usb:zz:1 --out OUT/q3", "16-bit hex ids");
    add(g, 1, "stream capture --source serial:x@abc --out OUT/q4", "bad baud rate");
    add(
        g,
        1,
        "stream capture --source serial:/dev/ttyNOPE0@115200 --out OUT/q6",
        "/dev/ttyNOPE0: no such serial port (serial ports present:");
    add(
        g,
        1,
        "update --port /dev/ttyNOPE0 --device-id 5 --key LED --value 20",
        "/dev/ttyNOPE0: no such serial port");
    add(g, 1, "record --frames 1 --out=", "output stem '' has no file name");
    add(g, 1, "repair /", "output stem '/' has no file name");
    add(
        g,
        1,
        "stream capture --source serial:/dev/null@115200 --frames 1 --out OUT/q7",
        "/dev/null: cannot open the serial port: it is not a serial port");
    add(
        g,
        2,
        "stream capture --source usb:1:2 --transfer-size 1 --out OUT/q5",
        "expected a whole number from 512");
    add(
        g,
        1,
        "update --device-id 99 --key LED --value 5 --dry-run",
        "device id must be 0 (all devices) to 63");
    add(g, 1, "update --device-id 1 --key LED --value 5000 --dry-run", "LED");
    add(
        g,
        1,
        "update --device-id 1 --key FOO --value 5 --dry-run",
        "unknown key 'FOO'; expected LED, GAIN");
    add(g, 2, "update --device-id 1 --key LED --dry-run", "--value");
    add(
        g,
        0,
        "record --frames 300 -O pacing=as-fast-as-possible -O width=16 -O height=16"
            + " --format raw --out OUT/win",
        "Recorded 300 frames");
    add(
        g,
        1,
        "record -O frames=50 --frames 100 -O pacing=as-fast-as-possible -O width=16"
            + " -O height=16 --format raw --out OUT/short",
        "ended after 50 frames",
        "--frames asked for 100");
    add(
        g,
        1,
        "record --device sdcard -O image=card.img --frames 100 --format raw"
            + " --out OUT/shortcard",
        "ended after 12 frames");
    add(g, 1, "record --device camera9 --out OUT/u0", "unknown device type 'camera9'");
    add(g, 2, "record", "--out");
    add(g, 2, "recrod", "Unmatched argument");
    add(g, 1, "repair OUT/never-recorded", "nothing to repair");
    add(g, 1, "config show bad.id", "neither a config id");
    add(g, 1, "sdcard convert card.img --out folder --format csv", "folder.csv: is a folder");
    add(g, 1, "record --out card.img/x --format raw", "is a file");
    add(g, 1, "record --out /proc/scopeio/x --format raw", "cannot create its folder");
  }

  static void configFiles() throws IOException {
    String g = "config file";
    Files.writeString(dir.resolve("two.yaml"), "id: a\nmodel: simulated-device\n---\nid: b\n");
    byte[] junk = new byte[3000];
    new java.util.Random(1).nextBytes(junk);
    Files.write(dir.resolve("bin.yaml"), junk);
    Files.writeString(
        dir.resolve("big.yaml"), "id: big\nmodel: simulated-device\nx: " + "a".repeat(2_000_000));
    Files.writeString(dir.resolve("empty.yaml"), "");
    Files.writeString(dir.resolve("list.yaml"), "[1, 2]\n");
    Files.writeString(dir.resolve("noid.yaml"), "model: simulated-device\nwidth: 3\n");
    Files.writeString(dir.resolve("broken.yaml"), "id: b\nwidth: [1, 2\n");
    Files.writeString(dir.resolve("dup.yaml"), "id: d\nwidth: 1\nwidth: 2\n");
    StringBuilder bomb = new StringBuilder("id: bomb\na: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      String p = "*" + (char) (c - 1);
      bomb.append(c + ": &" + c + " [" + p + ", " + p + ", " + p + ", " + p + "]\n");
    }
    Files.writeString(dir.resolve("bomb.yaml"), bomb);
    Files.writeString(
        dir.resolve("deep.yaml"), "id: deep\nx: " + "[".repeat(5000) + "]".repeat(5000));
    Files.createDirectories(dir.resolve("dir.yaml"));
    Files.writeString(
        dir.resolve("sim-bad.yaml"), "id: simbad\nmodel: simulated-device\nneurons: -1\n");
    Files.writeString(dir.resolve("sim-wrong.yaml"), "id: simwrong\nmodel: sd-layout\nwidth: 10\n");
    add(g, 1, "config show two.yaml", "more than one YAML document");
    add(g, 1, "config show bin.yaml", "not a text file");
    add(g, 1, "config show big.yaml", "at most 1048576 bytes");
    add(g, 1, "config show empty.yaml", "the file is empty");
    add(g, 1, "config show list.yaml", "expected a mapping of keys");
    add(g, 1, "config show noid.yaml", "every config needs a root-level 'id'");
    add(g, 1, "config show broken.yaml", "invalid YAML at line");
    add(g, 1, "config show dup.yaml", "duplicate");
    add(g, 0, "config show bomb.yaml", "id: bomb"); // aliases are not expanded: nothing grows
    add(g, 1, "config show deep.yaml", "invalid YAML");
    add(g, 1, "config show dir.yaml", "is a directory");
    add(g, 1, "config show fifo.yaml", "not a regular file");
    add(g, 1, "config show none.yaml", "no such config file");
    add(g, 1, "record --config two.yaml --out OUT/c0", "more than one YAML document");
    add(g, 1, "record --config sim-bad.yaml --out OUT/c1", "'neurons' must be 0 to 10000");
    add(g, 1, "record --config sim-wrong.yaml --out OUT/c2", "declares model 'sd-layout'");
    add(g, 1, "sdcard info card.img --layout bin.yaml", "not a text file");
    add(g, 1, "update --batch big.yaml --dry-run", "at most 1048576 bytes");
  }

  /** A copy of the card with {@code bytes} written at {@code offset}, or cut there if null. */
  static String damage(String name, long offset, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.copy(card, p, StandardCopyOption.REPLACE_EXISTING);
    try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
      if (bytes == null) {
        ch.truncate(offset);
      } else {
        ch.write(java.nio.ByteBuffer.wrap(bytes), offset);
      }
    }
    return name;
  }

  static void damagedCards() throws IOException {
    String g = "damaged card";
    long data = 1024 * 512;
    // a 64x48 frame is three 1024-byte buffers (two sectors each) and one of 144 bytes (one
    // sector): 3584 bytes; buffer b of frame k starts at frame(k) + 1024 b
    long frame = 3584;
    byte[] ones = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F};
    Object[][] cuts = {
      {0L, 1, "the file is empty"},
      {100L, 1, "has only 100 bytes"},
      {523263L, 1, "has only 523263 bytes"},
      {523264L, 1, "has only 523264 bytes"},
      {523300L, 1, "has only 523300 bytes"},
      {524287L, 1, "has only 524287 bytes"},
      {data + 10, 0, "Recorded 0 frames"},
      {data + 600, 0, "Recorded 0 frames"},
      {data + frame + 40, 0, "Recorded 1 frames"},
      {data + 5 * frame + 2048 + 500, 0, "Recorded 5 frames"},
      {data + 11 * frame + 3072 + 100, 0, "the last frame (frame_num 11"},
    };
    for (int i = 0; i < cuts.length; i++) {
      add(
          g,
          (Integer) cuts[i][1],
          "sdcard convert "
              + damage("cut" + i + ".img", (Long) cuts[i][0], null)
              + " --format raw --out OUT/cut"
              + i,
          (String) cuts[i][2]);
    }
    Object[][] hits = {
      {523776L, 1, "config sector field 'width' is"},
      {523780L, 1, "config sector field 'height' is"},
      {523776L + 12, 0, "Recorded 12 frames"}, // buffer_size: not needed
      {523776L + 16, 0, "Recorded 12 frames"}, // n_buffers_recorded: the file ends first
      {data, 0, "skipped    a corrupt buffer (header length word"},
      {data + 32, 0, "skipped    a corrupt buffer (buffer header data_length"},
      {data + 8, 0, "Recorded 13 frames"}, // frame_num of buffer 0: a frame of its own
      {data + 16, 0, "missing    1 buffers"}, // its frame_buffer_count: no slot, excess
      {data + 5 * frame, 0, "skipped"}, // frame 5, buffer 0, length
      {data + 5 * frame + 2048 + 32, 0, "skipped"}, // frame 5, buffer 2, data_length
      {data + 11 * frame + 3072, 1, "no valid buffer header follows"}, // the last buffer
      {data + 11 * frame + 3072 + 32, 1, "no valid buffer header follows"},
      {data + 600, 0, "Recorded 12 frames"}, // pixels only
    };
    for (int i = 0; i < hits.length; i++) {
      add(
          g,
          (Integer) hits[i][1],
          "sdcard convert "
              + damage("hit" + i + ".img", (Long) hits[i][0], ones)
              + " --format raw,csv --out OUT/hit"
              + i,
          (String) hits[i][2]);
    }
    add(g, 0, "sdcard info " + damage("keys.img", 523264, ones), "write keys    INVALID");
    add(g, 0, "sdcard info hit5.img", "skipped       a corrupt buffer");
    add(g, 0, "sdcard info cut9.img --json", "\"end_reason\" : \"truncated\"");
    add(g, 2, "sdcard truncate cut9.img OUT/t.img --frames 7", "--frames must be 0 to 5");
    add(
        g,
        0,
        "sdcard convert "
            + damage("zeros.img", data + 2 * frame, new byte[4096])
            + " --format raw --out OUT/zeros",
        "skipped",
        "Recorded 11 frames");
  }

  static void damagedStreams() throws IOException {
    String g = "damaged stream";
    byte[] bytes = Files.readAllBytes(dir.resolve("C.bin"));
    java.util.Random r = new java.util.Random(11);
    for (int i = 0; i < 12; i++) {
      byte[] b = bytes.clone();
      int at = r.nextInt(b.length);
      for (int k = 0; k < 1 + r.nextInt(64) && at + k < b.length; k++) {
        b[at + k] ^= (byte) (1 << r.nextInt(8));
      }
      Files.write(dir.resolve("flip" + i + ".bin"), b);
      add(
          g,
          0,
          "stream decode flip" + i + ".bin --format raw,csv --out OUT/fl" + i,
          "Recorded",
          "buffers:");
    }
    for (int i = 0; i < 8; i++) {
      Files.write(
          dir.resolve("cutS" + i + ".bin"),
          java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length)));
      add(g, 0, "stream decode cutS" + i + ".bin --format raw --out OUT/cs" + i, "Recorded");
    }
    Files.write(dir.resolve("zeros.bin"), new byte[1 << 20]);
    add(
        g,
        0,
        "stream decode zeros.bin --format raw --out OUT/z",
        "Recorded 0 frames",
        "8388608 bits discarded");
    byte[] noise = new byte[1 << 20];
    r.nextBytes(noise);
    Files.write(dir.resolve("noise.bin"), noise);
    add(g, 0, "stream decode noise.bin --format raw --out OUT/n", "Recorded 0 frames");
    Files.writeString(dir.resolve("empty.bin"), "");
    add(g, 0, "stream decode empty.bin --format raw --out OUT/e", "Recorded 0 frames");
  }

  static void specialFiles() {
    String g = "special file";
    add(g, 1, "sdcard info fifo.img", "is a pipe (FIFO)");
    add(g, 1, "sdcard info /dev/zero", "is a character device");
    add(g, 1, "sdcard info folder.img", "is a directory");
    add(g, 1, "sdcard info empty.img", "the file is empty");
    add(g, 1, "sdcard info missing.img", "no such SD card image");
    add(g, 1, "stream decode missing.bin --out OUT/m", "missing.bin");
    add(
        g,
        1,
        "stream decode folder.img --out OUT/fo",
        "folder.img: is a directory; expected a raw");
    add(g, 1, "sdcard truncate fifo.img OUT/f.img --frames 1", "is a pipe (FIFO)");
  }

  static Path copy(Path from, String name) throws IOException {
    return Files.copy(from, dir.resolve(name));
  }

  static String sha256(Path p) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(p)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (Exception e) {
      return "unreadable: " + e;
    }
  }
}
