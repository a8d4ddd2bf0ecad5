package org.scopeio.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller asks a {@link org.scopeio.api.spi.DeviceProvider} to create: an optional config (an
 * id or a YAML path, resolved through {@code configs}) and free-form options from the command line
 * or the host application (for example {@code seed=7}).
 *
 * @param config config id or path, or {@code null} for the provider's default
 * @param options further settings; providers document the keys they accept and reject others
 * @param configs where config ids and paths are resolved
 */
public record DeviceRequest(String config, Map<String, String> options, Configs configs) {

  public DeviceRequest {
    options = Map.copyOf(options);
    Objects.requireNonNull(configs, "configs");
  }

  /** A request with no config and no options. */
  public static DeviceRequest defaults(Configs configs) {
    return new DeviceRequest(null, Map.of(), configs);
  }

  public Optional<String> findConfig() {
    return Optional.ofNullable(config);
  }

  /**
   * Loads the requested config, or {@code defaultId} when none was requested, with the options that
   * are keys of {@code type} applied over it: they are checked exactly as the config's own values
   * are, and a bad one is named in the message.
   *
   * @throws ConfigException naming the config, the key and what it takes
   */
  public <T> T loadConfig(ConfigType<T> type, String defaultId) {
    return configs.load(config == null ? defaultId : config, type, options);
  }

  /** The text of option {@code name}, if given. */
  public Optional<String> text(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /**
   * A whole-number option from {@code min} to {@code max}, or {@code fallback} when it is absent.
   *
   * @throws ConfigException naming the option and the range
   */
  public long wholeNumber(String name, long min, long max, long fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(name, "expected a whole number from " + min + " to " + max);
  }

  private ConfigException bad(String name, String what) {
    return new ConfigException("option -O " + name + "=" + options.get(name), null, what);
  }
}
