package org.scopeio.api;

import java.util.List;
import org.scopeio.api.internal.ProviderRegistry;
import org.scopeio.api.spi.DeviceProvider;

/** The device providers on the class path, by {@link DeviceProvider#type()}. Thread-safe. */
public final class DeviceRegistry {
  private final ProviderRegistry<DeviceProvider> providers;

  private DeviceRegistry(ProviderRegistry<DeviceProvider> providers) {
    this.providers = providers;
  }

  /** Providers registered in {@code META-INF/services} on the context class loader. */
  public static DeviceRegistry load() {
    return load(Thread.currentThread().getContextClassLoader());
  }

  public static DeviceRegistry load(ClassLoader loader) {
    return new DeviceRegistry(
        ProviderRegistry.load(DeviceProvider.class, DeviceProvider::type, "device type", loader));
  }

  /** Exactly the given providers (tests, host applications). */
  public static DeviceRegistry of(List<? extends DeviceProvider> providers) {
    return new DeviceRegistry(ProviderRegistry.of(providers, DeviceProvider::type, "device type"));
  }

  /**
   * @throws ScopeioException listing the known types if {@code type} is unknown
   */
  public DeviceProvider provider(String type) {
    return providers.get(type);
  }

  /**
   * Creates (does not open) a device of {@code type}, after refusing any option its provider does
   * not declare.
   *
   * @throws ConfigException naming an unknown option and the accepted ones, or a bad config or
   *     option value
   */
  public Device create(String type, DeviceRequest request) {
    DeviceProvider p = provider(type);
    java.util.Set<String> accepted = new java.util.TreeSet<>();
    p.options().forEach(o -> accepted.add(o.name()));
    for (String key : request.options().keySet()) {
      if (!accepted.contains(key)) {
        throw new ConfigException(
            "device '" + type + "'",
            null,
            "unknown option '"
                + key
                + "'; "
                + (accepted.isEmpty()
                    ? "it takes no options"
                    : "its options are " + String.join(", ", accepted))
                + " ('scopeio devices' describes them)");
      }
    }
    return p.create(request);
  }

  public List<String> types() {
    return providers.names();
  }

  public List<DeviceProvider> providers() {
    return providers.all();
  }
}
