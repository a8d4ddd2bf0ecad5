package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scopeio.api.PixelType;
import org.scopeio.config.ConfigStore;
import org.scopeio.config.ConfigTypes;
import org.scopeio.format.StreamDevConfig;
import org.scopeio.simulator.CalciumScene;
import org.scopeio.simulator.SceneConfig;
import org.scopeio.simulator.StreamEncoder;

/**
 * Every fault the simulator can inject, run through {@code scopeio} end to end (simulate, then
 * {@code sdcard convert} or {@code stream decode} to OME-TIFF, raw and CSV). The frames written are
 * compared with the scene the simulated camera saw, pixel for pixel, wherever the data arrived;
 * where they did not, the expected zeros and the counts of missing, padded, suspect and recovered
 * pixels and buffers are worked out from the fault (docs/formats.md §3.6 and §4.8), and the
 * summary, the per-buffer CSV and the frame metadata must report exactly those.
 */
class FaultMatrixTest {
  @TempDir Path dir;

  /** What one conversion produced. */
  record Output(CliTest.Result result, List<byte[]> frames, List<String> csv, JsonNode meta) {}

  /** What the camera saw, with the regions a fault lost zeroed and those it shifted marked. */
  record Expected(List<byte[]> frames, List<boolean[]> unchecked) {
    static Expected of(List<byte[]> scene) {
      List<byte[]> f = new ArrayList<>();
      List<boolean[]> u = new ArrayList<>();
      for (byte[] s : scene) {
        f.add(s.clone());
        u.add(new boolean[s.length]);
      }
      return new Expected(f, u);
    }

    /** Pixels {@code [from, to)} of frame {@code k} never arrived: zero. */
    Expected zero(int k, int from, int to) {
      Arrays.fill(frames.get(k), from, to, (byte) 0);
      return this;
    }

    /** Pixels {@code [from, to)} of frame {@code k} arrived shifted by a slip: not compared. */
    Expected shifted(int k, int from, int to) {
      Arrays.fill(unchecked.get(k), from, to, true);
      return this;
    }

    /** Only the first {@code n} frames are written. */
    Expected first(int n) {
      return new Expected(frames.subList(0, n), unchecked.subList(0, n));
    }
  }

  private Output convert(String kind, String fault, int frameBytes) throws IOException {
    CliTest cli = CliTest.in(dir);
    String name = fault.isEmpty() ? "clean" : fault;
    Path input = dir.resolve(name + (kind.equals("sdcard") ? ".img" : ".bin"));
    List<String> sim = new ArrayList<>();
    if (kind.equals("sdcard")) {
      sim.addAll(
          List.of(
              "simulate",
              "sdcard",
              input.toString(),
              "--width",
              "64",
              "--height",
              "48",
              "--frames",
              "12",
              "--buffer-size",
              "1024",
              "--seed",
              "5"));
    } else {
      sim.addAll(List.of("simulate", "stream", input.toString(), "--frames", "6", "--seed", "5"));
    }
    if (!fault.isEmpty()) {
      sim.addAll(List.of("--fault", fault));
    }
    assertThat(cli.run(sim.toArray(String[]::new)).code()).isZero();
    Path stem = dir.resolve("out/" + name);
    CliTest.Result r =
        cli.run(
            kind,
            kind.equals("sdcard") ? "convert" : "decode",
            input.toString(),
            "--out",
            stem.toString(),
            "--format",
            "ome-tiff,raw,csv");
    byte[] raw = Files.readAllBytes(Path.of(stem + ".raw"));
    List<byte[]> frames = new ArrayList<>();
    for (int at = 0; at + frameBytes <= raw.length; at += frameBytes) {
      frames.add(Arrays.copyOfRange(raw, at, at + frameBytes));
    }
    assertThat(raw.length % frameBytes).isZero();
    List<String> csv = Files.readAllLines(Path.of(stem + ".csv"));
    JsonNode meta = new ObjectMapper().readTree(Path.of(stem + "_frame_metadata.json").toFile());
    return new Output(r, frames, csv.subList(1, csv.size()), meta);
  }

  private static List<byte[]> scene(SceneConfig config, int frames) {
    CalciumScene s = new CalciumScene(config);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      out.add(s.next8());
    }
    return out;
  }

  private static long sum(JsonNode meta, String field) {
    long s = 0;
    for (JsonNode f : meta.get("frames")) {
      s += f.get("integrity").get(field).asLong();
    }
    return s;
  }

  private static Set<Long> incompleteFrames(JsonNode meta) {
    Set<Long> out = new TreeSet<>();
    for (JsonNode f : meta.get("frames")) {
      JsonNode in = f.get("integrity");
      if (in.get("missing_buffers").asLong() > 0
          || in.get("padded_pixels").asLong() > 0
          || in.get("suspect_pixels").asLong() > 0) {
        out.add(f.get("frame").asLong());
      }
    }
    return out;
  }

  private static Set<Long> parse(String list) {
    return list.isBlank()
        ? Set.of()
        : Arrays.stream(list.split(" ")).map(Long::valueOf).collect(Collectors.toSet());
  }

  /**
   * SD card: 64x48 frames of 4 buffers (988, 988, 988 and 108 pixels: 1024-byte buffers with 9-word
   * headers), 12 frames, the scene of {@code simulate sdcard}'s defaults.
   *
   * @param frames frames written
   * @param buffers CSV rows (one per buffer read)
   * @param missing buffers reported missing
   * @param incomplete frames with lost pixels (file frame numbers)
   * @param padded pixels padded with zeros in all
   */
  @ParameterizedTest(name = "sdcard {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                    | 0 | 12 | 48 | 0 | ''    | 0    | ",
        "dropped-buffers       | 0 | 12 | 45 | 3 | 2 5 9 | 2964 | ",
        "zeroed-tail           | 0 | 12 | 48 | 0 | ''    | 0    | ",
        "stale-data            | 0 | 12 | 48 | 0 | ''    | 0    | ",
        "truncated-final-frame | 0 | 11 | 44 | 0 | ''    | 0    | the last frame (frame_num 11",
        "corrupt-header        | 0 | 12 | 47 | 1 | 6     | 988  | skipped    a corrupt buffer (buffer"
            + " header data_length is 4294967280",
        "corrupt-length        | 0 | 12 | 47 | 1 | 9     | 988  | skipped    a corrupt buffer (header"
            + " length word is"
      })
  void sdCardFaults(
      String fault,
      int exit,
      int frames,
      int buffers,
      long missing,
      String incomplete,
      long padded,
      String message)
      throws IOException {
    Output out = convert("sdcard", fault, 64 * 48);
    assertThat(out.result().code()).as(out.result().err()).isEqualTo(exit);
    if (message != null) {
      assertThat(out.result().out() + out.result().err()).contains(message);
    }
    Expected want =
        Expected.of(scene(new SceneConfig(64, 48, PixelType.UINT8, 20, 5, 40, 60, 2, 1, 0.5), 12));
    if (fault.equals("dropped-buffers")) {
      // buffer 1 of frames 2 and 9 and buffer 0 of frame 5 were dropped by the recorder: their
      // pixels are zero, every other buffer keeps its rows
      want.zero(2, 988, 1976).zero(9, 988, 1976).zero(5, 0, 988);
    }
    if (fault.equals("corrupt-header")) {
      want.zero(6, 0, 988); // buffer 0 of the middle frame: stepped over, its pixels lost
    }
    if (fault.equals("corrupt-length")) {
      want.zero(9, 988, 1976); // buffer 1 of the frame three quarters in
    }
    assertFrames(out, want.first(frames));
    assertThat(out.csv()).hasSize(buffers);
    if (exit == 0) {
      assertThat(out.result().out())
          .contains(
              "Recorded " + frames + " frames",
              "  missing    " + missing + " buffers",
              "  incomplete " + parse(incomplete).size() + " frames (" + padded + " pixels");
      assertThat(out.meta().get("frame_count").asLong()).isEqualTo(frames);
      assertThat(sum(out.meta(), "missing_buffers")).isEqualTo(missing);
      assertThat(sum(out.meta(), "padded_pixels")).isEqualTo(padded);
      assertThat(incompleteFrames(out.meta())).isEqualTo(parse(incomplete));
    }
  }

  /**
   * Stream: 6 frames of 200x200 in 8 buffers (7 of 5032 pixels, then 4776), 48 buffers, the scene
   * of {@code simulate stream --seed 5}.
   *
   * @param buffers CSV rows (one per buffer kept)
   * @param missing buffers reported missing
   * @param incomplete frames with lost or suspect pixels
   * @param padded pixels padded with zeros
   * @param suspect pixels decoded after a slip inside the pixels
   * @param recovered buffers recovered after a corrupted preamble
   * @param stats what the stream line must say
   */
  @ParameterizedTest(name = "stream {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                | 48 | 0 | ''  | 0     | 0    | 0 | 0 short, 0 filler slips",
        "misaligned        | 48 | 0 | ''  | 0     | 0    | 0 | 0 short, 0 filler slips",
        "garbage-start     | 48 | 0 | ''  | 0     | 0    | 0 | 0 short, 0 filler slips",
        "duplicated-buffer | 48 | 0 | ''  | 0     | 0    | 0 | 0 over-long spans, 1 duplicate",
        "dropped-buffer    | 47 | 1 | 1   | 5032  | 0    | 0 | 1 missing",
        "flipped-preamble  | 48 | 0 | ''  | 0     | 0    | 1 | 1 merged spans, 1 recovered",
        "truncated-buffer  | 48 | 0 | 2   | 2516  | 2516 | 0 | 1 short, 0 filler slips"
            + " (pixels intact), 1 with slipped pixels",
        "payload-slip      | 48 | 0 | 0   | 5     | 5027 | 0 | 1 short, 0 filler slips"
            + " (pixels intact), 1 with slipped pixels",
        "dummy-slip        | 48 | 0 | ''  | 0     | 0    | 0 | 3 short, 5 filler slips"
            + " (pixels intact), 0 with slipped pixels",
        "cut-mid-buffer    | 48 | 0 | 5   | 3099  | 0    | 0 | 1 short",
        "late-start        | 44 | 4 | 0   | 20128 | 0    | 0 | 4 missing"
      })
  void streamFaults(
      String fault,
      int buffers,
      long missing,
      String incomplete,
      long padded,
      long suspect,
      long recovered,
      String stats)
      throws IOException {
    Output out = convert("stream", fault, 200 * 200);
    assertThat(out.result().code()).as(out.result().err()).isZero();
    StreamDevConfig w200 =
        new ConfigStore(null, getClass().getClassLoader())
            .load("wireless-200px", StreamDevConfig.TYPE);
    var format =
        new ConfigStore(null, getClass().getClassLoader())
            .load("stream-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT);
    Expected want = Expected.of(scene(new StreamEncoder(w200, format, 5, 6, Set.of()).scene(), 6));
    int full = 5032;
    switch (fault) {
      case "dropped-buffer" -> want.zero(1, 4 * full, 5 * full); // buffer 12: frame 1, slot 4
      case "truncated-buffer" -> // buffer 17: frame 2, slot 1, sent up to half of its pixels
          want.zero(2, full + full / 2, 2 * full);
      case "payload-slip" -> // buffer 5: frame 0, slot 5, 37 bits lost at half of its pixels
          want.shifted(0, 5 * full + full / 2, 6 * full - 5).zero(0, 6 * full - 5, 6 * full);
      case "cut-mid-buffer" -> // the last buffer (4776 pixels) stops after a third of 5032
          want.zero(5, 40000 - 4776 + full / 3, 40000);
      case "late-start" -> want.zero(0, 0, 4 * full); // frame 0's buffers 0 to 3 never arrived
      default -> {}
    }
    assertFrames(out, want);
    assertThat(out.csv()).hasSize(buffers);
    assertThat(out.result().out())
        .contains(
            "Recorded 6 frames",
            "  missing    " + missing + " buffers",
            "  incomplete " + parse(incomplete).size() + " frames (" + padded + " pixels",
            stats);
    if (suspect > 0) {
      assertThat(out.result().out()).contains("  suspect    1 frames (" + suspect + " pixels");
    }
    if (recovered > 0) {
      assertThat(out.result().out()).contains("  recovered  " + recovered + " buffers");
    }
    assertThat(out.meta().get("frame_count").asLong()).isEqualTo(6);
    assertThat(sum(out.meta(), "missing_buffers")).isEqualTo(missing);
    assertThat(sum(out.meta(), "padded_pixels")).isEqualTo(padded);
    assertThat(sum(out.meta(), "suspect_pixels")).isEqualTo(suspect);
    assertThat(sum(out.meta(), "recovered_buffers")).isEqualTo(recovered);
    assertThat(incompleteFrames(out.meta())).isEqualTo(parse(incomplete));
    // the CSV's last two columns: suspect_px and recovered, per buffer
    assertThat(out.csv().stream().mapToLong(r -> Long.parseLong(r.split(",")[15])).sum())
        .isEqualTo(suspect);
    assertThat(out.csv().stream().filter(r -> r.endsWith(",1"))).hasSize((int) recovered);
  }

  /** Every frame written equals the expected one, except where a slip shifted its pixels. */
  private static void assertFrames(Output out, Expected want) {
    assertThat(out.frames()).hasSize(want.frames().size());
    for (int k = 0; k < want.frames().size(); k++) {
      byte[] got = out.frames().get(k).clone();
      byte[] expected = want.frames().get(k).clone();
      boolean[] skip = want.unchecked().get(k);
      for (int i = 0; i < got.length; i++) {
        if (skip[i]) {
          got[i] = expected[i];
        }
      }
      assertThat(got).as("frame %d", k).isEqualTo(expected);
    }
  }
}
