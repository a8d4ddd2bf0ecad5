package org.scopeio.api;

import java.util.List;
import org.scopeio.api.internal.ProviderRegistry;
import org.scopeio.api.spi.WriterProvider;

/** The writer providers on the class path, by {@link WriterProvider#format()}. Thread-safe. */
public final class WriterRegistry {
  private final ProviderRegistry<WriterProvider> providers;

  private WriterRegistry(ProviderRegistry<WriterProvider> providers) {
    this.providers = providers;
  }

  public static WriterRegistry load() {
    return load(Thread.currentThread().getContextClassLoader());
  }

  public static WriterRegistry load(ClassLoader loader) {
    return new WriterRegistry(
        ProviderRegistry.load(
            WriterProvider.class, WriterProvider::format, "writer format", loader));
  }

  public static WriterRegistry of(List<? extends WriterProvider> providers) {
    return new WriterRegistry(
        ProviderRegistry.of(providers, WriterProvider::format, "writer format"));
  }

  /**
   * @throws ScopeioException listing the known formats if {@code format} is unknown
   */
  public WriterProvider provider(String format) {
    return providers.get(format);
  }

  public List<String> formats() {
    return providers.names();
  }

  public List<WriterProvider> providers() {
    return providers.all();
  }
}
