package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files, file names and summaries read the same whatever the user's default locale. Each locale
 * broke something before every formatting and case change named Locale.ROOT: Turkish wrote
 * "buffer_lımıt" into the frame metadata and "frame lımıt" into the summary (its lower-case I has
 * no dot), German printed "0,02 s", and Egyptian Arabic printed Arabic-Indic digits, also in the
 * names of a recording's numbered parts. The expected text is written out here, not computed.
 */
class LocaleIndependenceTest {
  @TempDir Path dir;
  private Locale saved;

  @BeforeEach
  void save() {
    saved = Locale.getDefault();
  }

  @AfterEach
  void restore() {
    Locale.setDefault(saved);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tr-TR", "de-DE", "ar-EG"})
  void aCardConversionWritesAndSaysTheSameInEveryLocale(String tag) throws Exception {
    Locale.setDefault(Locale.forLanguageTag(tag));
    CliTest cli = CliTest.in(dir);
    Path card = dir.resolve("card.img");
    CliTest.Result simulated = cli.run("simulate", "sdcard", card.toString(), "--frames", "3");
    assertThat(simulated.out())
        .isEqualTo(
            "Wrote "
                + card
                + ": 3 frames of 304x304 (wirefree-sd-layout), 15 buffers, 0 dropped,"
                + " 802304 bytes\n");

    Path stem = dir.resolve("c");
    CliTest.Result r =
        cli.run(
            "sdcard",
            "convert",
            card.toString(),
            "--out",
            stem.toString(),
            "--format",
            "ome-tiff,avi",
            "-W",
            "avi.frames-per-file=2");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith(
            "Recorded 3 frames from sdcard (SD card " + card + " (wirefree-sd-layout, 3 frames))")
        .containsPattern("\n  duration   [0-9]+\\.[0-9]{2} s \\([0-9]+\\.[0-9] frames/s\\)\n")
        .contains("\n  dropped    0 frames (recorded as gaps), 0 buffers\n")
        .contains("\n  ended by   end of data\n");
    assertThat(Files.readString(dir.resolve("c_frame_metadata.json")))
        .contains("\"end_reason\":\"buffer_limit\"");
    assertThat(dir.resolve("c_000.avi")).isNotEmptyFile();
    assertThat(dir.resolve("c_001.avi")).isNotEmptyFile();

    CliTest.Result info = cli.run("sdcard", "info", card.toString(), "--json");
    assertThat(info.out()).contains("\"end_reason\" : \"buffer_limit\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tr-TR", "de-DE", "ar-EG"})
  void aRecordingsSummarySaysFrameLimitWithPlainDigits(String tag) {
    Locale.setDefault(Locale.forLanguageTag(tag));
    CliTest.Result r =
        CliTest.in(dir)
            .run(
                "record",
                "--frames",
                "5",
                "-O",
                "pacing=as-fast-as-possible",
                "--out",
                dir.resolve("run").toString(),
                "--format",
                "raw");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith("Recorded 5 frames from simulated")
        .containsPattern("\n  duration   [0-9]+\\.[0-9]{2} s \\([0-9]+\\.[0-9] frames/s\\)\n")
        .contains("\n  ended by   frame limit\n");
  }
}
