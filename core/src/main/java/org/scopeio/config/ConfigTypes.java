package org.scopeio.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.ConfigException;

/** The config types of the api module's contract types (buffer header formats). */
public final class ConfigTypes {
  private ConfigTypes() {}

  /**
   * A buffer header format: a flat map of field name to word index ({@code null} for an optional
   * field the format does not carry). Reads Scopeio's files and mio's {@code BufferHeaderFormat},
   * {@code SDBufferHeaderFormat} and {@code StreamBufferHeaderFormat} files unchanged.
   */
  public static final CustomConfigType<BufferHeaderFormat> BUFFER_HEADER_FORMAT =
      CustomConfigType.of(
          "buffer-header-format",
          BufferHeaderFormat.class,
          Set.of(
              "mio.models.buffer.BufferHeaderFormat",
              "mio.models.sdcard.SDBufferHeaderFormat",
              "mio.models.stream.StreamBufferHeaderFormat"),
          Set.of(),
          (body, doc) -> {
            Map<String, Integer> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : body.properties()) {
              JsonNode v = e.getValue();
              if (v.isNull()) {
                fields.put(e.getKey(), null);
              } else if (v.canConvertToInt()
                  && v.isIntegralNumber()
                  && v.asInt() >= 0
                  && v.asInt() < BufferHeaderFormat.MAX_WORDS) {
                fields.put(e.getKey(), v.asInt());
              } else {
                throw new ConfigException(
                    doc.location(),
                    e.getKey(),
                    "expected a word index from 0 to "
                        + (BufferHeaderFormat.MAX_WORDS - 1)
                        + " (or null for an absent field), found "
                        + v);
              }
            }
            if (fields.isEmpty()) {
              throw new ConfigException(doc.location(), null, "a header format needs fields");
            }
            return BufferHeaderFormat.of(doc.header().id(), fields);
          });
}
