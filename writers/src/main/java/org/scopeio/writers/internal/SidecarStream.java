package org.scopeio.writers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;

/**
 * The stream a writer's JSON sidecar describes ({@code device}, {@code description}, {@code width},
 * {@code height}, {@code pixel_type}, a frame rate and optional {@code properties}), read back when
 * a killed recording is repaired.
 */
public final class SidecarStream {
  private SidecarStream() {}

  /**
   * Reads the stream from {@code sidecar}.
   *
   * @param rateField the field holding the nominal frame rate (null or absent: unknown)
   */
  public static DeviceInfo read(Path sidecar, String rateField) throws IOException {
    JsonNode meta = new ObjectMapper().readTree(sidecar.toFile());
    Map<String, String> properties = new TreeMap<>();
    meta.path("properties")
        .fields()
        .forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
    JsonNode rate = meta.path(rateField);
    return new DeviceInfo(
        meta.path("device").asText(),
        meta.path("description").asText(),
        meta.path("width").asInt(),
        meta.path("height").asInt(),
        PixelType.fromId(meta.path("pixel_type").asText()),
        rate.isNumber() ? rate.asDouble() : Double.NaN,
        null,
        properties,
        -1,
        Pace.ON_DEMAND);
  }
}
