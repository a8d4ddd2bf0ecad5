package org.scopeio.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where configs named by id or path are found and bound: the user's config folder first, then the
 * configs packaged with Scopeio and its plugins (see the README's "Configs"). Providers reach it
 * through {@link DeviceRequest}; Scopeio's own implementation is {@code
 * org.scopeio.config.ConfigStore}. Loading never writes to a file.
 */
public interface Configs {

  /**
   * The config {@code ref} (an id, or a path ending in {@code .yaml}/{@code .yml}) bound as {@code
   * type}, with {@code overrides} (keys of the config, values as they would be written in YAML)
   * applied over its values and checked as they are.
   *
   * @throws ConfigException naming the file, the key and what it takes
   */
  <T> T load(String ref, ConfigType<T> type, Map<String, String> overrides);

  /** The config {@code ref} bound as {@code type}. */
  default <T> T load(String ref, ConfigType<T> type) {
    return load(ref, type, Map.of());
  }

  /**
   * A config of {@code type} made from {@code values} alone (no file), as if they were a YAML body.
   *
   * @param what names the values in messages, e.g. {@code device 'raw'}
   * @throws ConfigException naming the key and what it takes
   */
  <T> T fromValues(ConfigType<T> type, Map<String, String> values, String what);

  /** The file a config id or path is read from, if it is a file (not packaged in a jar). */
  Optional<Path> fileOf(String ref);
}
