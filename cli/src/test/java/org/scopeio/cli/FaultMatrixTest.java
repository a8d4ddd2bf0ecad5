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
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every fault the simulator can inject, run through {@code scopeio} end to end (simulate, then
 * {@code sdcard convert} or {@code stream decode} to OME-TIFF, raw and CSV). The frames written
 * equal those of the same recording without the fault, except where the fault took data; the
 * summary, the per-buffer CSV and the frame metadata sidecar report exactly the injected losses.
 */
class FaultMatrixTest {
  @TempDir Path dir;

  /** What one conversion produced. */
  record Output(CliTest.Result result, List<byte[]> frames, List<String> csv, JsonNode meta) {}

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

  private static long sum(JsonNode meta, String field) {
    long s = 0;
    for (JsonNode f : meta.get("frames")) {
      s += f.get("integrity").get(field).asLong();
    }
    return s;
  }

  private static Set<Long> incompleteFrames(JsonNode meta) {
    Set<Long> out = new java.util.TreeSet<>();
    for (JsonNode f : meta.get("frames")) {
      if (f.get("integrity").get("missing_buffers").asLong() > 0
          || f.get("integrity").get("padded_pixels").asLong() > 0) {
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
   * SD card: 64x48 frames of 4 buffers of at most 988 pixels (1024-byte buffers, 9-word headers).
   *
   * @param frames frames written
   * @param buffers CSV rows (one per buffer read)
   * @param missing buffers reported missing
   * @param incomplete frames with lost pixels (file frame numbers)
   * @param padded pixels padded with zeros in all
   * @param head leading pixels of an incomplete frame that are intact (later buffers move up)
   */
  @ParameterizedTest(name = "sdcard {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                    | 0 | 12 | 48 | 0 | ''  | 0    | 0   | ",
        "dropped-buffers       | 0 | 12 | 46 | 2 | 2 9 | 1976 | 988 | ",
        "zeroed-tail           | 0 | 12 | 48 | 0 | ''  | 0    | 0   | ",
        "stale-data            | 0 | 12 | 48 | 0 | ''  | 0    | 0   | ",
        "truncated-final-frame | 0 | 11 | 44 | 0 | ''  | 0    | 0   | the last frame (frame_num 11",
        "corrupt-header        | 1 | 6  | 24 | 0 | ''  | 0    | 0   | buffer header data_length is"
      })
  void sdCardFaults(
      String fault,
      int exit,
      int frames,
      int buffers,
      long missing,
      String incomplete,
      long padded,
      int head,
      String message)
      throws IOException {
    int frameBytes = 64 * 48;
    Output clean = convert("sdcard", "", frameBytes);
    Output out = fault.isEmpty() ? clean : convert("sdcard", fault, frameBytes);
    assertThat(out.result().code()).as(out.result().err()).isEqualTo(exit);
    if (message != null) {
      assertThat(out.result().out() + out.result().err()).contains(message);
    }
    assertFrames(clean, out, frames, parse(incomplete), head, 0);
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
   * Stream: 6 frames of 200x200 in 8 buffers (7 of 5032 pixels, then 4776).
   *
   * @param buffers CSV rows (one per buffer kept)
   * @param head, tail pixels at the start and end of the incomplete frame that are intact (a
   *     buffer's pixels go to its slot, so only the damaged buffers differ)
   * @param stats what the stream line must say
   */
  @ParameterizedTest(name = "stream {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                | 48 | 0 | ''  | 0     | 0     | 0     | 0 short, 0 duplicate",
        "misaligned        | 48 | 0 | ''  | 0     | 0     | 0     | 0 short, 0 duplicate",
        "garbage-start     | 48 | 0 | ''  | 0     | 0     | 0     | 0 short, 0 duplicate",
        "duplicated-buffer | 48 | 0 | ''  | 0     | 0     | 0     | 0 short, 1 duplicate",
        "dropped-buffer    | 47 | 1 | 1   | 5032  | 20128 | 14840 | 0 short, 0 duplicate",
        "flipped-preamble  | 46 | 2 | 1   | 10064 | 0     | 29936 | 0 short, 0 duplicate",
        "truncated-buffer  | 48 | 0 | 2   | 2516  | 7548  | 29936 | 1 short, 0 duplicate",
        "bit-slip          | 48 | 0 | 0   | 4     | 27668 | 9808  | 1 short, 0 duplicate",
        "cut-mid-buffer    | 48 | 0 | 5   | 3099  | 36901 | 0     | 1 short, 0 duplicate"
      })
  void streamFaults(
      String fault,
      int buffers,
      long missing,
      String incomplete,
      long padded,
      int head,
      int tail,
      String stats)
      throws IOException {
    int frameBytes = 200 * 200;
    Output clean = convert("stream", "", frameBytes);
    Output out = fault.isEmpty() ? clean : convert("stream", fault, frameBytes);
    assertThat(out.result().code()).as(out.result().err()).isZero();
    assertFrames(clean, out, 6, parse(incomplete), head, tail);
    assertThat(out.csv()).hasSize(buffers);
    assertThat(out.result().out())
        .contains(
            "Recorded 6 frames",
            "  missing    " + missing + " buffers",
            "  incomplete " + parse(incomplete).size() + " frames (" + padded + " pixels",
            stats);
    assertThat(out.meta().get("frame_count").asLong()).isEqualTo(6);
    assertThat(sum(out.meta(), "missing_buffers")).isEqualTo(missing);
    assertThat(sum(out.meta(), "padded_pixels")).isEqualTo(padded);
    assertThat(incompleteFrames(out.meta())).isEqualTo(parse(incomplete));
  }

  /**
   * The first {@code frames} frames: complete ones equal the clean recording's; incomplete ones
   * equal it in their first {@code head} and last {@code tail} pixels.
   */
  private static void assertFrames(
      Output clean, Output out, int frames, Set<Long> incomplete, int head, int tail) {
    assertThat(out.frames()).hasSize(frames);
    LongStream.range(0, frames)
        .forEach(
            k -> {
              byte[] want = clean.frames().get((int) k);
              byte[] got = out.frames().get((int) k);
              if (incomplete.contains(k)) {
                int n = want.length;
                assertThat(Arrays.copyOf(got, head))
                    .as("frame %d before its damage", k)
                    .isEqualTo(Arrays.copyOf(want, head));
                assertThat(Arrays.copyOfRange(got, n - tail, n))
                    .as("frame %d after its damage", k)
                    .isEqualTo(Arrays.copyOfRange(want, n - tail, n));
                assertThat(got).as("frame %d", k).isNotEqualTo(want);
              } else {
                assertThat(got).as("frame %d", k).isEqualTo(want);
              }
            });
  }
}
