package org.scopeio.writers.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.spi.WriterProvider;
import org.scopeio.testkit.WriterContractTest;
import org.scopeio.writers.internal.RawWriterProvider;

/**
 * The raw writer, read back as numpy.memmap reads it: the sidecar's shape, type and byte order,
 * then the samples (the raw video reader of {@code devices-raw} reads these files too; its tests
 * round-trip them).
 */
class RawWriterContractTest extends WriterContractTest {
  @Override
  protected WriterProvider provider() {
    return new RawWriterProvider();
  }

  @Override
  protected List<int[]> readBack(Path stem, DeviceInfo info) throws Exception {
    JsonNode meta = new ObjectMapper().readTree(Path.of(stem + ".raw.json").toFile());
    int pixels = meta.get("width").asInt() * meta.get("height").asInt();
    boolean wide = meta.get("pixel_type").asText().equals("uint16");
    ByteBuffer b =
        ByteBuffer.wrap(Files.readAllBytes(Path.of(stem + ".raw")))
            .order(
                meta.get("byte_order").asText().equals("little")
                    ? ByteOrder.LITTLE_ENDIAN
                    : ByteOrder.BIG_ENDIAN);
    b.position(meta.get("offset").asInt());
    List<int[]> out = new ArrayList<>();
    for (long t = 0; t < meta.get("frame_count").asLong(); t++) {
      int[] px = new int[pixels];
      for (int i = 0; i < pixels; i++) {
        px[i] = wide ? Short.toUnsignedInt(b.getShort()) : Byte.toUnsignedInt(b.get());
      }
      out.add(px);
    }
    return out;
  }
}
