package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.PixelType;
import org.scopeio.config.ConfigStore;
import org.scopeio.config.ConfigTypes;
import org.scopeio.format.StreamDevConfig;
import org.scopeio.simulator.CalciumScene;
import org.scopeio.simulator.SceneConfig;
import org.scopeio.simulator.StreamEncoder;

/**
 * {@code sdcard convert} and {@code stream decode} of several inputs in one process: each input's
 * files in the {@code --out} folder under its own name, holding the frames its simulated camera
 * saw; a damaged input reported and stepped over; names that would collide refused before anything
 * is written; no input ever written over.
 */
class SeveralInputsTest {
  @TempDir Path dir;

  private CliTest.Result card(Path image, long seed) {
    return CliTest.in(dir)
        .run(
            "simulate",
            "sdcard",
            image.toString(),
            "--width",
            "64",
            "--height",
            "48",
            "--frames",
            "6",
            "--buffer-size",
            "1024",
            "--seed",
            String.valueOf(seed));
  }

  /** The frames a simulated card of {@code seed} holds: what its camera saw. */
  private static byte[] cardScene(long seed, int frames) {
    CalciumScene s =
        new CalciumScene(new SceneConfig(64, 48, PixelType.UINT8, 20, seed, 40, 60, 2, 1, 0.5));
    byte[] all = new byte[frames * 64 * 48];
    for (int k = 0; k < frames; k++) {
      System.arraycopy(s.next8(), 0, all, k * 64 * 48, 64 * 48);
    }
    return all;
  }

  /**
   * Runs {@code scopeio COMMAND SUBCOMMAND first second --out out OPTIONS...}, which must be
   * refused with exit 1 before any input is read; returns what it printed.
   */
  private String refusal(
      String command, String subcommand, Path first, Path second, Path out, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command, subcommand, first.toString(), second.toString(), "--out", out.toString()));
    args.addAll(List.of(options));
    CliTest.Result r = CliTest.in(dir).run(args.toArray(String[]::new));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    return r.err();
  }

  private String unknownConfig(String id) {
    return "scopeio: no config with id '"
        + id
        + "' in "
        + dir.resolve("configs")
        + " or the packaged configs; 'scopeio config list' shows the known ids\n";
  }

  @Test
  void cardsGoToTheFolderUnderTheirNamesAndADamagedOneIsSteppedOver() throws IOException {
    Path a = dir.resolve("in/mouse1.img");
    Path b = dir.resolve("in/mouse2.day3.img");
    Files.createDirectories(a.getParent());
    assertThat(card(a, 5).code()).isZero();
    assertThat(card(b, 9).code()).isZero();
    Path broken = dir.resolve("in/broken.img");
    Files.write(broken, new byte[1000]);
    Path out = dir.resolve("converted");

    CliTest.Result r =
        CliTest.in(dir)
            .run(
                "sdcard",
                "convert",
                a.toString(),
                broken.toString(),
                b.toString(),
                "--out",
                out.toString(),
                "--format",
                "raw,csv");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "scopeio: "
                + broken
                + " not converted: "
                + broken
                + " at byte offset 1000: the file has only 1000 bytes")
        .endsWith("Converted 2 of 3 inputs into " + out + "; not converted: " + broken + "\n");
    assertThat(Files.readAllBytes(out.resolve("mouse1.raw"))).isEqualTo(cardScene(5, 6));
    assertThat(Files.readAllBytes(out.resolve("mouse2.day3.raw"))).isEqualTo(cardScene(9, 6));
    assertThat(Files.readAllLines(out.resolve("mouse1.csv"))).hasSize(1 + 6 * 4);
    assertThat(out.resolve("mouse2.day3_telemetry.csv")).exists();
    assertThat(r.out())
        .contains("Recorded 6 frames from sdcard (SD card " + a)
        .contains("Recorded 6 frames from sdcard (SD card " + b);
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("broken")))
          .isEmpty();
    }
  }

  @Test
  void capturesAreDecodedIntoTheFolderEachWithItsOwnScene() throws IOException {
    Path a = dir.resolve("a.bin");
    Path b = dir.resolve("b.bin");
    CliTest cli = CliTest.in(dir);
    assertThat(cli.run("simulate", "stream", a.toString(), "--frames", "4", "--seed", "5").code())
        .isZero();
    assertThat(cli.run("simulate", "stream", b.toString(), "--frames", "4", "--seed", "7").code())
        .isZero();
    Path out = dir.resolve("decoded");

    CliTest.Result r =
        cli.run(
            "stream",
            "decode",
            a.toString(),
            b.toString(),
            "--out",
            out.toString(),
            "--format",
            "raw");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).endsWith("Converted 2 of 2 inputs into " + out + "\n");
    ConfigStore store = new ConfigStore(null, getClass().getClassLoader());
    StreamDevConfig w200 = store.load("wireless-200px", StreamDevConfig.TYPE);
    var format = store.load("stream-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT);
    for (var input : new Object[][] {{"a", 5L}, {"b", 7L}}) {
      CalciumScene scene =
          new CalciumScene(new StreamEncoder(w200, format, (Long) input[1], 4, Set.of()).scene());
      byte[] raw = Files.readAllBytes(out.resolve(input[0] + ".raw"));
      assertThat(raw).hasSize(4 * 200 * 200);
      for (int k = 0; k < 4; k++) {
        assertThat(Arrays.copyOfRange(raw, k * 40000, (k + 1) * 40000))
            .as("frame %d of %s", k, input[0])
            .isEqualTo(scene.next8());
      }
    }
  }

  @Test
  void inputsThatWouldShareOutputsAreRefusedBeforeAnythingIsWritten() throws IOException {
    Path a = dir.resolve("day1/card.img");
    Path b = dir.resolve("day2/card.img");
    Files.createDirectories(a.getParent());
    Files.createDirectories(b.getParent());
    assertThat(card(a, 5).code()).isZero();
    assertThat(card(b, 9).code()).isZero();
    Path out = dir.resolve("converted");

    CliTest.Result r =
        CliTest.in(dir)
            .run("sdcard", "convert", a.toString(), b.toString(), "--out", out.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "scopeio: inputs "
                + a
                + " and "
                + b
                + " would both be written to "
                + out.resolve("card")
                + "; convert them into different folders\n");
    assertThat(out).doesNotExist();

    CliTest.Result twice =
        CliTest.in(dir)
            .run("sdcard", "convert", a.toString(), a.toString(), "--out", out.toString());
    assertThat(twice.err()).isEqualTo("scopeio: input " + a + " is given twice\n");

    // what every input would fail alike is said once, before any input is read
    Path other = dir.resolve("other.img");
    assertThat(refusal("sdcard", "convert", a, other, out, "--format", "raw,tiff"))
        .isEqualTo(
            "scopeio: unknown writer format 'tiff'; known: [avi, csv, ffv1, mp4, ome-tiff, raw]\n");
    assertThat(refusal("sdcard", "convert", a, other, out, "-W", "avi.frames-per-file=10"))
        .isEqualTo(
            "scopeio: writer option 'avi.frames-per-file' is for format avi, which --format"
                + " ome-tiff,csv does not include\n");
    assertThat(refusal("sdcard", "convert", a, other, out, "--layout", "wirefree-sd-layout-x"))
        .isEqualTo(unknownConfig("wirefree-sd-layout-x"));
    assertThat(refusal("stream", "decode", a, other, out, "--config", "wireless-x"))
        .isEqualTo(unknownConfig("wireless-x"));
    assertThat(refusal("stream", "decode", a, other, out, "--header-format", "header-x"))
        .isEqualTo(unknownConfig("header-x"));
    assertThat(out).doesNotExist();

    Path file = dir.resolve("converted.txt");
    Files.writeString(file, "notes");
    CliTest.Result onFile =
        CliTest.in(dir)
            .run("sdcard", "convert", a.toString(), b.toString(), "--out", file.toString());
    assertThat(onFile.err())
        .isEqualTo(
            "scopeio: --out "
                + file
                + " is a file; with several inputs it names a folder for their files\n");
    assertThat(file).hasContent("notes");
  }

  @Test
  void noConversionWritesOverAnotherInputEvenWithForce() throws IOException {
    // a capture named like the first capture's telemetry, lying in the out folder
    Path out = dir.resolve("out");
    Path a = dir.resolve("a.bin");
    Path b = out.resolve("a_telemetry.csv");
    Files.createDirectories(out);
    CliTest cli = CliTest.in(dir);
    assertThat(cli.run("simulate", "stream", a.toString(), "--frames", "2").code()).isZero();
    assertThat(cli.run("simulate", "stream", b.toString(), "--frames", "2").code()).isZero();
    byte[] before = Files.readAllBytes(b);

    CliTest.Result r =
        cli.run(
            "stream",
            "decode",
            a.toString(),
            b.toString(),
            "--out",
            out.toString(),
            "--format",
            "raw",
            "--force");

    assertThat(Files.readAllBytes(b)).isEqualTo(before);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "scopeio: "
                + a
                + " not converted: "
                + b
                + ": is the input this command reads; refusing to write it, even with --force")
        .endsWith("Converted 1 of 2 inputs into " + out + "; not converted: " + a + "\n");
    assertThat(out.resolve("a_telemetry.raw")).hasSize(2 * 200 * 200);
  }
}
