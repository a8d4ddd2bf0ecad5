package org.scopeio.api.spi;

import org.scopeio.api.Device;
import org.scopeio.api.DeviceRequest;

/**
 * Entry point of a device plugin, found through {@link java.util.ServiceLoader}: list the
 * implementing class in {@code META-INF/services/org.scopeio.api.spi.DeviceProvider}.
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe. A plugin
 * consists of:
 *
 * <ol>
 *   <li>a config record with its own model name, bound with {@link
 *       org.scopeio.api.ConfigType#bound} (boxed fields, defaults and validation in the compact
 *       constructor, every size bounded, messages naming the key and the allowed range);
 *   <li>this provider: {@link #options()} declares every {@code -O KEY=VALUE} option (the registry
 *       refuses any other), and {@link #create} loads the config with the options that are its keys
 *       applied over it ({@link DeviceRequest#loadConfig}), reads the others with {@link
 *       DeviceRequest}'s checked accessors, and returns an unopened device;
 *   <li>the {@link Device}: {@code open} acquires the hardware and returns the {@link
 *       org.scopeio.api.DeviceInfo}; {@code next} returns frames in order, with a {@link
 *       org.scopeio.api.Gap} where frames were lost (empty at the end and after {@code close};
 *       {@link org.scopeio.api.DeviceTimeoutException} when nothing came in time); frames produced
 *       on a thread of the device's own go through a bounded queue whose drops are counted in
 *       {@code counters} (scopeio-core's {@code AbstractDevice} and {@code HandoffQueue} do this);
 *   <li>default configs as YAML under {@code scopeio/config/}, listed one per line in {@code
 *       META-INF/scopeio/configs}, so that {@code scopeio config list} and ids find them;
 *   <li>a test extending the contract test kit's {@code DeviceContractTest} (the {@code
 *       scopeio-testkit} artifact, at test scope).
 * </ol>
 *
 * The {@code examples/custom-camera} module is a complete plugin of this shape.
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
   * The options {@link #create} accepts, for {@code scopeio devices} and for the registry, which
   * refuses any other before {@code create} is called.
   */
  default java.util.List<DeviceOption> options() {
    return java.util.List.of();
  }

  /**
   * Creates a device from {@code request} without doing any I/O: configs are resolved and validated
   * here (so bad configs fail early), files and ports are opened by {@link Device#open()}.
   *
   * @throws org.scopeio.api.ConfigException if the config or an option is invalid
   */
  Device create(DeviceRequest request);
}
