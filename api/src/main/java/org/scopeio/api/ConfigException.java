package org.scopeio.api;

import java.util.Optional;

/**
 * A configuration that cannot be found, parsed or bound. The message names the config's location
 * (file or packaged resource), the full key path when one key is at fault (such as {@code
 * runtime.csv.buffer}), and the line and column for YAML syntax errors.
 */
public class ConfigException extends ScopeioException {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final String keyPath;

  public ConfigException(String location, String keyPath, String message) {
    super(describe(location, keyPath, message));
    this.location = location;
    this.keyPath = keyPath;
  }

  public ConfigException(String location, String keyPath, String message, Throwable cause) {
    super(describe(location, keyPath, message), cause);
    this.location = location;
    this.keyPath = keyPath;
  }

  /** Where the config came from, if known. */
  public Optional<String> location() {
    return Optional.ofNullable(location);
  }

  /** Dotted path of the offending key, if one key is at fault. */
  public Optional<String> keyPath() {
    return Optional.ofNullable(keyPath);
  }

  private static String describe(String location, String keyPath, String message) {
    StringBuilder sb = new StringBuilder();
    if (location != null) {
      sb.append(location).append(": ");
    }
    if (keyPath != null && !keyPath.isEmpty()) {
      sb.append("key '").append(keyPath).append("': ");
    }
    return sb.append(message).toString();
  }
}
