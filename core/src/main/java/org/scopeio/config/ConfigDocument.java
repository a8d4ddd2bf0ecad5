package org.scopeio.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A parsed config file before binding: its header, the remaining keys, and where it came from.
 *
 * @param header the id/model/version keys
 * @param body every other key (a copy the caller may change)
 * @param location file path or packaged resource, for messages
 * @param file the file, if the config is a file (for resolving relative paths inside it)
 */
public record ConfigDocument(ConfigHeader header, ObjectNode body, String location, Path file) {

  public Optional<Path> findFile() {
    return Optional.ofNullable(file);
  }
}
