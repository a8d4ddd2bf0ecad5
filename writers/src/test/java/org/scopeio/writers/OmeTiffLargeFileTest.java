package org.scopeio.writers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriterOptions;

/** An OME-TIFF over 4 GiB, made at test time and read back whole by tifffile. */
class OmeTiffLargeFileTest {
  private static final int SIDE = 608;
  private static final int FRAMES = 5900; // 5900 x 608 x 608 x 2 bytes = 4.36 GB > 4 GiB

  @TempDir Path dir;

  @Test
  void aFileOverFourGibibytesReadsBackPixelExact() throws Exception {
    RealReaders.requireTifffile();
    long needed = 2L * FRAMES * SIDE * SIDE * 2;
    long free = Files.getFileStore(dir).getUsableSpace();
    Assumptions.assumeTrue(
        free > needed,
        "needs " + needed / 1_000_000 + " MB free in " + dir + ", has " + free / 1_000_000);
    DeviceInfo info =
        new DeviceInfo(
            "test",
            "608x608 uint16 counter",
            SIDE,
            SIDE,
            PixelType.UINT16,
            20.0,
            null,
            Map.of(),
            -1,
            Pace.ON_DEMAND);
    MessageDigest expected = RealReaders.sha256();
    ByteBuffer bytes = ByteBuffer.allocate(SIDE * SIDE * 2).order(ByteOrder.LITTLE_ENDIAN);
    OmeTiffWriter writer = new OmeTiffWriter();
    writer.open(
        dir.resolve("large"),
        info,
        new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, Map.of("sync", "none")));
    for (int i = 0; i < FRAMES; i++) {
      short[] px = new short[SIDE * SIDE];
      for (int p = 0; p < px.length; p++) {
        px[p] = (short) (i * 131 + p);
      }
      bytes.clear();
      bytes.asShortBuffer().put(px);
      expected.update(bytes.array());
      writer.write(
          Frame.builder(SIDE, SIDE, PixelType.UINT16)
              .index(i)
              .adoptPixels(px)
              .deviceTimestampMillis(50L * i)
              .wallClock(Instant.EPOCH)
              .build());
    }
    writer.close();
    assertThat(Files.size(dir.resolve("large.ome.tif"))).isGreaterThan(1L << 32);

    JsonNode seen = RealReaders.tifffile(dir.resolve("large.ome.tif"), dir.resolve("ome.xml"));
    assertThat(seen.get("is_ome").asBoolean()).isTrue();
    assertThat(seen.get("is_bigtiff").asBoolean()).isTrue();
    assertThat(seen.get("shape")).hasToString("[" + FRAMES + "," + SIDE + "," + SIDE + "]");
    assertThat(seen.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
  }
}
