package org.scopeio.api;

import java.util.List;
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

  /** Creates (does not open) a device of {@code type}. */
  public Device create(String type, DeviceRequest request) {
    return provider(type).create(request);
  }

  public List<String> types() {
    return providers.names();
  }

  public List<DeviceProvider> providers() {
    return providers.all();
  }
}
