package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.util.Modules;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.config.ConfigStore;
import org.scopeio.writers.RealReaders;

class CliTest {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  /** A runner whose temporary files go to {@code dir}, for other test classes. */
  static CliTest in(Path dir) {
    CliTest c = new CliTest();
    c.dir = dir;
    return c;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ConfigStore configs = new ConfigStore(dir.resolve("configs"), getClass().getClassLoader());
    int code =
        Main.run(
            args,
            Modules.override(new ScopeioModule())
                .with(
                    new AbstractModule() {
                      @Override
                      protected void configure() {
                        bind(ConfigStore.class).toInstance(configs);
                      }
                    }),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void versionAndHelpNeverStartGuiceOrTheConfigStore() {
    // a module that fails as soon as Guice reads it: the commands that need nothing never do
    AbstractModule failing =
        new AbstractModule() {
          @Override
          protected void configure() {
            throw new IllegalStateException("Guice was started");
          }
        };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(
            Main.run(
                new String[] {"--version"},
                failing,
                new PrintWriter(out, true),
                new PrintWriter(err, true)))
        .isZero();
    assertThat(out.toString()).startsWith("scopeio ");
    assertThat(
            Main.run(
                new String[] {"sdcard", "convert", "--help"},
                failing,
                new PrintWriter(out, true),
                new PrintWriter(err, true)))
        .isZero();
    assertThat(out.toString()).contains("Usage: scopeio sdcard convert");
    // a command that needs the config store starts Guice, and says what failed
    int code =
        Main.run(
            new String[] {"config", "list"},
            failing,
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("Guice was started");
  }

  @Test
  void recordToOmeTiffAviAndCsvGivesFilesThatTifffileXmllintAndFfprobeAccept() throws Exception {
    Path stem = dir.resolve("rec/run");
    Result r =
        run(
            "record",
            "--out",
            stem.toString(),
            "--frames",
            "20",
            "--format",
            "ome-tiff,avi,csv",
            "-W",
            "sync=none",
            "-W",
            "avi.frames-per-file=15",
            "-O",
            "pacing=as-fast-as-possible");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(stem + ".ome.tif", stem + "_frame_metadata.json", stem + ".csv")
        .contains(stem + "_000.avi", stem + "_001.avi", stem + ".avi.json");

    JsonNode tiff = RealReaders.tifffile(Path.of(stem + ".ome.tif"), dir.resolve("ome.xml"));
    assertThat(tiff.get("is_ome").asBoolean()).isTrue();
    assertThat(tiff.get("shape")).hasToString("[20,200,200]");
    RealReaders.validateOmeXml(dir.resolve("ome.xml"));
    assertThat(Files.readString(dir.resolve("ome.xml"))).contains("TimeIncrement=\"0.05\"");
    // every output records how it was made: the command line as given, in each sidecar and in
    // the OME-XML (as tifffile reads it back)
    String line =
        "scopeio record --out "
            + stem
            + " --frames 20 --format ome-tiff,avi,csv -W sync=none -W avi.frames-per-file=15"
            + " -O pacing=as-fast-as-possible";
    assertThat(Files.readString(dir.resolve("ome.xml")))
        .contains("<M K=\"made_by.command\">" + line + "</M>");
    ObjectMapper json = new ObjectMapper();
    for (String sidecar : List.of("_frame_metadata.json", ".avi.json")) {
      JsonNode madeBy = json.readTree(Path.of(stem + sidecar).toFile()).get("made_by");
      List<String> command = new java.util.ArrayList<>();
      madeBy.get("command").forEach(a -> command.add(a.asText()));
      assertThat(String.join(" ", command)).as(sidecar).isEqualTo(line);
      assertThat(madeBy.get("software").asText()).as(sidecar).startsWith("Scopeio");
    }

    JsonNode first = RealReaders.ffprobe(Path.of(stem + "_000.avi"));
    assertThat(first.get("nb_read_frames").asInt()).isEqualTo(15);
    assertThat(first.get("r_frame_rate").asText()).isEqualTo("20/1");
    assertThat(RealReaders.ffprobe(Path.of(stem + "_001.avi")).get("nb_read_frames").asInt())
        .isEqualTo(5);
    // both readers see the same pixels: the OME-TIFF's 20 frames are the two AVIs' 15 + 5
    Path joined = dir.resolve("joined.txt");
    Files.writeString(joined, "file '" + stem + "_000.avi'\nfile '" + stem + "_001.avi'\n");
    String aviPixels =
        RealReaders.run(
            "sh",
            "-c",
            "ffmpeg -v error -f concat -safe 0 -i '"
                + joined
                + "' -f rawvideo -pix_fmt gray - | sha256sum");
    assertThat(aviPixels).startsWith(tiff.get("sha256").asText());
    assertThat(Files.readAllLines(Path.of(stem + ".csv"))).hasSize(1 + 20 * 8);
    // telemetry: one row per 20 frames (the first reduction), device intervals of 50 ms
    List<String> telemetry = Files.readAllLines(Path.of(stem + "_telemetry.csv"));
    assertThat(telemetry.get(0))
        .startsWith("first_sample,samples,interval_device_ms_mean,interval_device_ms_min,");
    assertThat(telemetry).hasSize(2);
    assertThat(telemetry.get(1)).startsWith("0,20,50.0000,50.0000,50.0000,");
    assertThat(r.out()).contains("telemetry  " + stem + "_telemetry.csv");

    Result wrong =
        run("record", "--out", dir.resolve("w").toString(), "-W", "avi.bits=12", "--frames", "1");
    assertThat(wrong.code()).isEqualTo(1);
    assertThat(wrong.err())
        .isEqualTo(
            "scopeio: writer option 'avi.bits' is for format avi, which --format ome-tiff,csv"
                + " does not include\n");
  }

  @Test
  void theRawDevicePlaysARecordingBackIntoAnotherFormat() throws Exception {
    Path stem = dir.resolve("orig");
    Result rec =
        run(
            "record",
            "--out",
            stem.toString(),
            "--frames",
            "9",
            "--format",
            "raw",
            "-O",
            "pacing=as-fast-as-possible",
            "-O",
            "pixel_type=uint16");
    assertThat(rec.code()).as(rec.err()).isZero();
    Result play =
        run(
            "record",
            "--device",
            "raw",
            "-O",
            "file=" + stem + ".raw",
            "-O",
            "pacing=as-fast-as-possible",
            "--out",
            dir.resolve("copy").toString(),
            "--format",
            "ome-tiff");
    assertThat(play.code()).as(play.err()).isZero();
    assertThat(play.err())
        .contains("Reading from raw: raw video " + stem + ".raw (200x200 <u2, 9 frames)");
    assertThat(play.out()).contains("Recorded 9 frames from raw");
    JsonNode tiff = RealReaders.tifffile(dir.resolve("copy.ome.tif"), dir.resolve("copy.xml"));
    assertThat(tiff.get("shape")).hasToString("[9,200,200]");
    // the OME-TIFF's pixels are the raw file's bytes, frame by frame
    String rawSha =
        java.util.HexFormat.of()
            .formatHex(RealReaders.sha256().digest(Files.readAllBytes(Path.of(stem + ".raw"))));
    assertThat(tiff.get("sha256").asText()).isEqualTo(rawSha);
    // and the planes keep the recording's device times
    assertThat(Files.readString(dir.resolve("copy.xml"))).contains("TimeIncrement=\"0.05\"");
  }

  @Test
  void repairCompletesTheFilesOfARecordingThatNeverClosed() throws Exception {
    Path stem = dir.resolve("cut/run");
    org.scopeio.api.DeviceInfo info =
        new org.scopeio.api.DeviceInfo(
            "test",
            "never closed",
            8,
            4,
            org.scopeio.api.PixelType.UINT8,
            20.0,
            null,
            java.util.Map.of(),
            -1,
            org.scopeio.api.Pace.ON_DEMAND);
    org.scopeio.api.WriterOptions options =
        new org.scopeio.api.WriterOptions(
            org.scopeio.api.OverwritePolicy.FAIL_IF_EXISTS, java.util.Map.of("sync", "none"));
    org.scopeio.writers.OmeTiffWriter tiff = new org.scopeio.writers.OmeTiffWriter();
    org.scopeio.writers.RawWriter raw = new org.scopeio.writers.RawWriter();
    tiff.open(stem, info, options);
    raw.open(stem, info, options);
    for (int i = 0; i < 7; i++) {
      org.scopeio.api.Frame f =
          org.scopeio.api.Frame.builder(8, 4, org.scopeio.api.PixelType.UINT8)
              .index(i)
              .pixels(new byte[32])
              .deviceTimestampMillis(50L * i)
              .wallClock(java.time.Instant.EPOCH)
              .build();
      tiff.write(f);
      raw.write(f);
    }
    // as after kill -9: neither writer is closed
    Result r = run("repair", stem.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("repaired " + stem + ".ome.tif: OME-XML written for 7 frames")
        .contains("repaired " + stem + ".raw.json: completed with 7 frames' timestamps");
    JsonNode t = RealReaders.tifffile(Path.of(stem + ".ome.tif"), dir.resolve("cut.xml"));
    assertThat(t.get("is_ome").asBoolean()).isTrue();
    assertThat(t.get("shape")).hasToString("[7,4,8]");
    RealReaders.validateOmeXml(dir.resolve("cut.xml"));
    Result again = run("repair", stem.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("nothing to repair for " + stem);
  }

  @Test
  void aFullDiskStopsTheRecordingAtOnceNamingTheFileAndFrame() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isWritable(Path.of("/dev/full")), "needs /dev/full (Linux) to simulate a full disk");
    Path stem = dir.resolve("full/run");
    Files.createDirectories(stem.getParent());
    // the disk fills up where the frame metadata goes
    Files.createSymbolicLink(Path.of(stem + "_frame_metadata.jsonl"), Path.of("/dev/full"));
    Result r =
        run(
            "record",
            "--out",
            stem.toString(),
            "--frames",
            "20",
            "--format",
            "ome-tiff,raw",
            "-W",
            "sync=none",
            "-O",
            "pacing=as-fast-as-possible",
            "--force");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "scopeio: "
                + stem
                + "_frame_metadata.jsonl (frame 0): cannot write frame metadata:"
                + " No space left on device");
    // what the other writer had written is complete and readable
    JsonNode raw =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Path.of(stem + ".raw.json").toFile());
    assertThat(raw.get("frame_count").asLong()).isZero();
  }

  @Test
  void versionAndHelp() {
    Result v = run("--version");
    assertThat(v.code()).isZero();
    assertThat(v.out()).startsWith("scopeio ");
    Result h = run("record", "--help");
    assertThat(h.code()).isZero();
    assertThat(h.out()).contains("--frames=N", "--duration=TIME", "--format=FMT");
  }

  @Test
  void recordWritesRawJsonAndCsvFromTheSimulatedScope() throws Exception {
    Path stem = dir.resolve("demo/run1");
    Result r =
        run(
            "record",
            "--out",
            stem.toString(),
            "--frames",
            "12",
            "--format",
            "raw,csv",
            "-O",
            "pacing=as-fast-as-possible");
    assertThat(r.err()).contains("Reading from simulated: simulated miniscope 200x200 uint8");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Recorded 12 frames from simulated")
        .contains("dropped    0 frames")
        .contains("ended by   frame limit")
        .contains(stem + ".raw", stem + ".raw.json", stem + ".csv");
    assertThat(Files.size(Path.of(stem + ".raw"))).isEqualTo(12 * 200 * 200);
    assertThat(Files.readString(Path.of(stem + ".raw.json"))).contains("\"frame_count\" : 12");
    // 8 buffers of at most 5032 pixels per 200x200 frame, plus the header row
    assertThat(Files.readAllLines(Path.of(stem + ".csv"))).hasSize(1 + 12 * 8);
  }

  @Test
  void recordStopsAtEndOfDataAndHonoursDurationAndFormat() throws Exception {
    Path stem = dir.resolve("d");
    Result r =
        run(
            "record",
            "--out",
            stem.toString(),
            "--duration",
            "20s",
            "--format",
            "raw",
            "-O",
            "frames=3",
            "-O",
            "pacing=as-fast-as-possible",
            "-O",
            "width=30",
            "-O",
            "height=20");
    // the device's own end came before the 20 s asked for: the files hold what came, and the
    // run says so and fails instead of exiting 0 as if it had done what was asked
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("Recorded 3 frames", "ended by   end of data");
    assertThat(r.err())
        .contains("the device's data ended after")
        .contains("before the --duration asked for (20 s)");
    assertThat(Path.of(stem + ".raw")).hasSize(3 * 600);
    assertThat(Path.of(stem + ".csv")).doesNotExist();
  }

  @Test
  void existingOutputIsARuntimeErrorWithExitCodeOne() throws Exception {
    Path stem = dir.resolve("x");
    Files.writeString(Path.of(stem + ".csv"), "precious");
    Result r =
        run(
            "record",
            "--out",
            stem.toString(),
            "--frames",
            "1",
            "-O",
            "pacing=as-fast-as-possible");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo("scopeio: " + stem + ".csv: exists; refusing to overwrite it (use --force)\n");
    assertThat(Files.readString(Path.of(stem + ".csv"))).isEqualTo("precious");
    assertThat(Path.of(stem + ".raw")).doesNotExist();
    Result forced =
        run(
            "record",
            "--out",
            stem.toString(),
            "--frames",
            "1",
            "--force",
            "-O",
            "pacing=as-fast-as-possible");
    assertThat(forced.code()).isZero();
  }

  @Test
  void runtimeFailuresNameTheCauseWithoutAStackTraceUnlessVerbose() {
    Result r = run("record", "--out", dir.resolve("u").toString(), "--device", "usb-cam");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "scopeio: unknown device type 'usb-cam'; known: [raw, sdcard, simulated, stream]\n");
    Result v =
        run("record", "--verbose", "--out", dir.resolve("u").toString(), "--device", "usb-cam");
    assertThat(v.code()).isEqualTo(1);
    assertThat(v.err()).contains("at org.scopeio.api.internal.ProviderRegistry.get");
    Result bad = run("record", "--out", dir.resolve("b").toString(), "-O", "warp=9");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err())
        .startsWith("scopeio: device 'simulated': unknown option 'warp'; its options are");
    Result fmt = run("record", "--out", dir.resolve("f").toString(), "--format", "raw,webm");
    assertThat(fmt.code()).isEqualTo(1);
    assertThat(fmt.err())
        .isEqualTo(
            "scopeio: unknown writer format 'webm'; known: [avi, csv, ffv1, mp4, ome-tiff, raw]\n");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run("record").code()).isEqualTo(2);
    assertThat(run("record").err()).contains("Missing required option: '--out=<stem>'");
    assertThat(run("record", "--out", "a", "--frames", "1", "--duration", "1s").err())
        .contains("mutually exclusive");
    assertThat(run("record", "--out", "a", "--duration", "soon").err())
        .contains("'soon' is not a duration; use e.g. 500ms, 10s, 2m, 1h or PT10S");
    assertThat(run("record", "--out", "a", "--frames", "0").code()).isEqualTo(2);
    assertThat(run("teleport").code()).isEqualTo(2);
    assertThat(run().code()).isEqualTo(2);
    assertThat(run().err()).contains("missing command");
  }

  @Test
  void devicesAndFormatsListTheProviders() {
    Result d = run("devices");
    assertThat(d.code()).isZero();
    assertThat(d.out())
        .contains("TYPE", "simulated", "org.scopeio.simulator.internal.SimulatedDeviceProvider");
    Result f = run("formats");
    assertThat(f.out()).contains("raw", "<stem>.raw <stem>.raw.json", "csv", "<stem>.csv");
  }

  @Test
  void configListAndShow() throws Exception {
    Files.createDirectories(dir.resolve("configs"));
    Files.writeString(
        dir.resolve("configs/fast.yaml"),
        "id: simulated-fast\nmodel: simulated-device\nversion: 0.1.0\npacing: as-fast-as-possible\nframes: 4\n");
    Result l = run("config", "list");
    assertThat(l.code()).isZero();
    assertThat(l.out())
        .contains(
            "simulated-fast", "user", "simulated-default", "packaged", "stream-buffer-header");
    Result s = run("config", "show", "simulated-fast");
    assertThat(s.out())
        .isEqualTo(
            "# "
                + dir.resolve("configs/fast.yaml")
                + "\nid: simulated-fast\nmodel: simulated-device\nversion: 0.1.0\npacing: as-fast-as-possible\nframes: 4\n");
    Result rec = run("record", "--config", "simulated-fast", "--out", dir.resolve("cf").toString());
    assertThat(rec.code()).isZero();
    assertThat(rec.out()).contains("Recorded 4 frames");
    Result missing = run("config", "show", "nope");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).startsWith("scopeio: no config with id 'nope'");
  }

  @Test
  void durationsParse() {
    var c = new org.scopeio.cli.internal.DurationConverter();
    assertThat(c.convert("500ms").toMillis()).isEqualTo(500);
    assertThat(c.convert("1.5s").toMillis()).isEqualTo(1500);
    assertThat(c.convert("2m").toSeconds()).isEqualTo(120);
    assertThat(c.convert("1h").toMinutes()).isEqualTo(60);
    assertThat(c.convert("PT10S").toSeconds()).isEqualTo(10);
  }

  @Test
  void aStemTooLongForItsFormatsFilesIsRefusedBeforeAnythingIsCreated() {
    // the OME-TIFF's sidecar adds 20 bytes to the stem: 260, over the 255 of Linux's file
    // systems; it failed at its creation, after the image and the telemetry file existed, and a
    // second run then said "exists; refusing to overwrite it". With a 233-byte stem the sidecar
    // (253) was created, and its temporary file (257) failed when the recording ended.
    Path stem = dir.resolve("out/" + "a".repeat(233));
    for (int attempt = 0; attempt < 2; attempt++) {
      Result r =
          run(
              "record",
              "--frames",
              "2",
              "-O",
              "pacing=as-fast-as-possible",
              "--out",
              stem.toString(),
              "--format",
              "ome-tiff,csv");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).isEmpty();
      assertThat(r.err())
          .isEqualTo(
              "scopeio: "
                  + stem
                  + ": the output stem's file name is 233 bytes long; a stem may have at most 223,"
                  + " so that every file of every format fits (choose a shorter --out)\n");
      assertThat(dir.resolve("out")).doesNotExist();
    }
    // the longest stem allowed: every format's files, parts and temporary files fit
    Path longest = dir.resolve("out/" + "b".repeat(223));
    Result ok =
        run(
            "record",
            "--frames",
            "2",
            "-O",
            "pacing=as-fast-as-possible",
            "--out",
            longest.toString(),
            "--format",
            "ome-tiff,avi,raw,csv",
            "-W",
            "avi.frames-per-file=1");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(Path.of(longest + "_frame_metadata.json")).isNotEmptyFile();
    assertThat(Path.of(longest + "_001.avi")).isNotEmptyFile();
    assertThat(Path.of(longest + ".raw.json")).isNotEmptyFile();
  }
}
