package org.scopeio.api.spi;

import org.scopeio.api.Device;
import org.scopeio.api.DeviceRequest;

/**
 * Entry point of a device plugin, found through {@link java.util.ServiceLoader}: list the
 * implementing class in {@code META-INF/services/org.scopeio.api.spi.DeviceProvider}.
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe.
 */
public interface DeviceProvider {

  /**
   * The unique type name used in configs and on the command line ({@code --device TYPE}): lower
   * case letters, digits and dashes. Two providers with the same type are an error.
   */
  String type();

  /** One line for {@code scopeio devices}. */
  String description();

  /**
   * Creates a device from {@code request} without doing any I/O: configs are resolved and validated
   * here (so bad configs fail early), files and ports are opened by {@link Device#open()}.
   *
   * @throws org.scopeio.api.ConfigException if the config or an option is invalid
   */
  Device create(DeviceRequest request);
}
