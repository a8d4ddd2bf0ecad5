package org.scopeio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files Scopeio writes do not change unless a change means them to: a fixed set of recordings
 * and conversions of the simulator's cards, captures and scenes, every output file hashed and
 * compared with {@code outputs.sha256}. What depends on when and where a run happens is taken out
 * before hashing (host clock readings, wall-clock times, the OME-XML's UUID and acquisition date,
 * the summary's duration line); everything else, pixels, device timestamps, headers, counts, gaps,
 * rates and layout, counts byte for byte. After an intended change of the outputs, {@code
 * -Dscopeio.updateOutputs=true} writes the new hashes; the diff of that file shows which outputs
 * changed.
 */
class OutputsUnchangedIT {
  @TempDir Path dir;

  static final Path ROOT = Path.of(System.getProperty("scopeio.root")).toAbsolutePath().normalize();
  static final Path EXPECTED =
      ROOT.resolve("e2e/src/test/resources/org/scopeio/e2e/outputs.sha256");

  /** The runs: each a command line, run in order in one folder. */
  static final List<String> RUNS =
      List.of(
          "simulate sdcard card.img --frames 40 --fault dropped-buffers",
          "simulate sdcard resync.img --frames 40 --fault corrupt-length",
          "sdcard info card.img",
          "sdcard info resync.img --json",
          "sdcard convert card.img --out sd/card --format ome-tiff,avi,raw,csv",
          "sdcard convert resync.img --out sd/resync --format ome-tiff,csv --frames 5:35",
          "sdcard truncate card.img sd/first10.img --frames 10",
          "simulate stream cap.bin --frames 40 --fault"
              + " misaligned,dummy-slip,payload-slip,flipped-preamble,dropped-buffer,late-start",
          "stream decode cap.bin --out st/cap --format ome-tiff,avi,raw,csv",
          "stream decode cap.bin --out st/mio --format csv -W csv.columns=mio",
          "stream capture --source simulated --frames 20 --pacing as-fast-as-possible"
              + " --overflow block --out st/sim --binary --format raw,csv",
          "record --out sim/run --frames 30 -O pacing=as-fast-as-possible -O seed=7"
              + " --format ome-tiff,avi,raw,csv",
          "record --out sim/deep --frames 10 -O pacing=as-fast-as-possible -O pixel_type=uint16"
              + " -O width=64 -O height=48 --format ome-tiff,avi,raw,csv -W avi.bits=12",
          "record --device raw -O file=sim/deep.raw -O pacing=as-fast-as-possible --out raw/played"
              + " --format ome-tiff,raw,csv");

  /** JSON fields that hold the host's clock or a random id. */
  static final Set<String> VOLATILE_JSON =
      Set.of("host_monotonic_ns", "wall_clock", "buffer_recv_unix_time");

  /** CSV columns that hold the host's clock. */
  static final Pattern VOLATILE_COLUMN =
      Pattern.compile("buffer_recv_unix_time|host_monotonic_ns|wall_clock.*|.*host.*");

  @Test
  void everyOutputOfTheFixedRunsHashesAsBefore() throws Exception {
    TreeMap<String, String> hashes = new TreeMap<>();
    for (int i = 0; i < RUNS.size(); i++) {
      String printed = run(RUNS.get(i));
      hashes.put(String.format("run %02d output", i), sha256(normalizeOutput(printed)));
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = dir.relativize(f).toString();
        if (name.startsWith("run-") || name.startsWith("home")) {
          continue;
        }
        hashes.put(name, sha256(normalize(f)));
      }
    }
    StringBuilder manifest = new StringBuilder();
    hashes.forEach((k, v) -> manifest.append(v).append("  ").append(k).append('\n'));
    if (Boolean.getBoolean("scopeio.updateOutputs")) {
      Files.writeString(EXPECTED, manifest.toString());
    }
    assertThat(manifest.toString())
        .as("outputs changed; if that is intended, run with -Dscopeio.updateOutputs=true")
        .isEqualTo(Files.readString(EXPECTED));
  }

  String run(String command) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("scopeio.jar"), "org.scopeio.cli.Main"));
    cmd.addAll(List.of(command.split(" +")));
    Path out = dir.resolve("run-output.txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    pb.environment().put("SCOPEIO_CONFIG_DIR", dir.resolve("home").toString());
    Process p = pb.start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as(command).isTrue();
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(command + "\n" + printed).isZero();
    return printed;
  }

  /** The summary without its timing line. */
  static byte[] normalizeOutput(String printed) {
    return printed
        .lines()
        .filter(l -> !l.trim().startsWith("duration"))
        .reduce("", (a, b) -> a + b + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] normalize(Path f) throws IOException {
    String name = f.getFileName().toString();
    if (name.endsWith(".json")) {
      return json(Files.readAllBytes(f));
    }
    if (name.endsWith(".jsonl")) {
      StringBuilder sb = new StringBuilder();
      for (String line : Files.readAllLines(f)) {
        sb.append(new String(json(line.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
      }
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
    if (name.endsWith(".csv")) {
      return csv(Files.readAllLines(f));
    }
    if (name.endsWith(".tif")) {
      return tiff(Files.readAllBytes(f));
    }
    return Files.readAllBytes(f);
  }

  static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  static byte[] json(byte[] bytes) throws IOException {
    JsonNode node = JSON.readTree(bytes);
    strip(node);
    return JSON.writeValueAsBytes(node);
  }

  static void strip(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        if (VOLATILE_JSON.contains(it.next())) {
          it.remove();
        }
      }
      o.forEach(OutputsUnchangedIT::strip);
    } else if (node instanceof ArrayNode a) {
      a.forEach(OutputsUnchangedIT::strip);
    }
  }

  static byte[] csv(List<String> lines) {
    if (lines.isEmpty()) {
      return new byte[0];
    }
    String[] header = lines.get(0).split(",", -1);
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      String[] cells = line.split(",", -1);
      for (int c = 0; c < cells.length; c++) {
        if (c < header.length && VOLATILE_COLUMN.matcher(header[c]).matches()) {
          continue;
        }
        sb.append(cells[c]).append(',');
      }
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A BigTIFF as its pages' pixel bytes and first page's description, with the OME-XML's UUID and
   * acquisition date taken out.
   */
  static byte[] tiff(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(2)).as("BigTIFF").isEqualTo((short) 43);
    StringBuilder sb = new StringBuilder();
    for (long ifd = b.getLong(8); ifd != 0; ) {
      long n = b.getLong((int) ifd);
      long[] offsets = null;
      long[] counts = null;
      for (int e = 0; e < n; e++) {
        int at = (int) (ifd + 8 + 20L * e);
        int tag = Short.toUnsignedInt(b.getShort(at));
        int type = b.getShort(at + 2);
        long count = b.getLong(at + 4);
        if (tag == 270) {
          long off = count <= 8 ? at + 12 : b.getLong(at + 12);
          String d = new String(bytes, (int) off, (int) count, StandardCharsets.UTF_8);
          d =
              d.replaceAll("urn:uuid:[0-9a-f-]+", "urn:uuid:")
                  .replaceAll("<AcquisitionDate>[^<]*</AcquisitionDate>", "<AcquisitionDate/>");
          sb.append(d).append('\n');
        } else if (tag == 273 || tag == 279) {
          long[] v = values(b, at, type, count);
          if (tag == 273) {
            offsets = v;
          } else {
            counts = v;
          }
        }
      }
      MessageDigest md = digest();
      for (int s = 0; s < offsets.length; s++) {
        md.update(bytes, (int) offsets[s], (int) counts[s]);
      }
      sb.append(HexFormat.of().formatHex(md.digest())).append('\n');
      ifd = b.getLong((int) (ifd + 8 + 20 * n));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static long[] values(ByteBuffer b, int at, int type, long count) {
    int size = type == 16 ? 8 : type == 4 ? 4 : 2;
    int base = count * size <= 8 ? at + 12 : (int) b.getLong(at + 12);
    long[] v = new long[(int) count];
    for (int i = 0; i < count; i++) {
      v[i] =
          size == 8
              ? b.getLong(base + 8 * i)
              : size == 4
                  ? Integer.toUnsignedLong(b.getInt(base + 4 * i))
                  : Short.toUnsignedInt(b.getShort(base + 2 * i));
    }
    return v;
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
