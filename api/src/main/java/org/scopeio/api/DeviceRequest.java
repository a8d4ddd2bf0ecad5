package org.scopeio.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.scopeio.api.config.ConfigStore;
import org.scopeio.api.config.ConfigType;

/**
 * What a caller asks a {@link org.scopeio.api.spi.DeviceProvider} to create: an optional config (an
 * id or a YAML path, resolved through {@code configs}) and free-form options from the command line
 * or the host application (for example {@code seed=7}).
 *
 * @param config config id or path, or {@code null} for the provider's default
 * @param options further settings; providers document the keys they accept and reject others
 * @param configs where config ids and paths are resolved
 */
public record DeviceRequest(String config, Map<String, String> options, ConfigStore configs) {

  public DeviceRequest {
    options = Map.copyOf(options);
    Objects.requireNonNull(configs, "configs");
  }

  /** A request with no config and no options. */
  public static DeviceRequest defaults(ConfigStore configs) {
    return new DeviceRequest(null, Map.of(), configs);
  }

  public Optional<String> findConfig() {
    return Optional.ofNullable(config);
  }

  /** Loads the requested config, or {@code defaultId} when none was requested. */
  public <T> T loadConfig(ConfigType<T> type, String defaultId) {
    return configs.load(config == null ? defaultId : config, type);
  }

  /**
   * Fails with a clear message if an option is not among {@code accepted}.
   *
   * @throws ConfigException naming the unknown option and the accepted ones
   */
  public void requireOnlyOptions(String deviceType, java.util.Set<String> accepted) {
    for (String key : options.keySet()) {
      if (!accepted.contains(key)) {
        throw new ConfigException(
            "device '" + deviceType + "' options",
            key,
            "unknown option; accepted options are " + new java.util.TreeSet<>(accepted));
      }
    }
  }
}
