package org.scopeio.api.spi;

import java.util.Objects;

/**
 * One option a device accepts as {@code -O NAME=VALUE} (or from a host application's {@link
 * org.scopeio.api.DeviceRequest}), as {@code scopeio devices} lists it. Options that are keys of
 * the device's config override the config's value and are checked exactly as the config's are.
 *
 * @param name the key, lower case with underscores (e.g. {@code queue_size})
 * @param values what it takes, for people (e.g. {@code 1 to 1024}, {@code uint8 or uint16})
 * @param defaultValue the value used when it is not given, or empty if there is none
 * @param description one line saying what it does
 */
public record DeviceOption(String name, String values, String defaultValue, String description) {
  public DeviceOption {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "option name '" + name + "' must be lower case letters, digits and underscores");
    }
  }
}
