package org.scopeio.writers.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.scopeio.api.WriterOptions;

/**
 * How a recording's files were made, which every writer records (docs/formats.md §6.3): the
 * software and its version, and the command line, if a command made them. A repair keeps what the
 * recording recorded, not its own.
 *
 * @param software {@code Scopeio} and the version of the jar the writer comes from ({@code Scopeio}
 *     alone when run from class folders, as in the build's tests)
 * @param command {@code scopeio} and its arguments as given; empty when no command made the files
 */
public record MadeBy(String software, List<String> command) {
  public MadeBy {
    Objects.requireNonNull(software, "software");
    command = List.copyOf(command);
  }

  /** The name and version of this software. */
  public static String thisSoftware() {
    String v = MadeBy.class.getPackage().getImplementationVersion();
    return v == null ? "Scopeio" : "Scopeio " + v;
  }

  /** What a writer opened with {@code options} records. */
  public static MadeBy of(WriterOptions options) {
    return new MadeBy(thisSoftware(), options.command());
  }

  /**
   * What the sidecar {@code sidecar} recorded (its {@code made_by} object), for a repair to keep;
   * empty for a sidecar written before Scopeio recorded it.
   */
  public static java.util.Optional<MadeBy> read(Path sidecar) throws IOException {
    JsonNode m = new ObjectMapper().readTree(sidecar.toFile()).path("made_by");
    if (!m.isObject() || !m.path("software").isTextual()) {
      return java.util.Optional.empty();
    }
    List<String> command = new ArrayList<>();
    m.path("command").forEach(a -> command.add(a.asText()));
    return java.util.Optional.of(new MadeBy(m.path("software").asText(), command));
  }

  /** Writes the field {@code "made_by": {"software": ..., "command": [...]}}. */
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("made_by");
    g.writeStringField("software", software);
    g.writeArrayFieldStart("command");
    for (String a : command) {
      g.writeString(a);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /**
   * Adds {@code made_by.software} and {@code made_by.command} (the arguments separated by spaces,
   * each with a space or quote in it single-quoted as a POSIX shell reads it) to {@code facts}.
   */
  public void addTo(Map<String, String> facts) {
    facts.put("made_by.software", software);
    if (!command.isEmpty()) {
      StringBuilder line = new StringBuilder();
      for (String a : command) {
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(
            a.isEmpty() || a.matches(".*[\\s'\"\\\\$`*?;&|<>()#~\\[\\]{}!].*")
                ? "'" + a.replace("'", "'\\''") + "'"
                : a);
      }
      facts.put("made_by.command", line.toString());
    }
  }
}
