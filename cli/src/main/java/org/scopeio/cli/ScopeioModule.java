package org.scopeio.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.WriterRegistry;
import org.scopeio.config.ConfigStore;

/**
 * The composition root of the {@code scopeio} command: binds the config store and the device and
 * writer registries (discovered on the class path). Nothing bound here holds an open resource;
 * devices and writers are created per command.
 */
public class ScopeioModule extends AbstractModule {
  @Provides
  @Singleton
  ConfigStore configStore() {
    return ConfigStore.standard();
  }

  @Provides
  @Singleton
  DeviceRegistry deviceRegistry() {
    return DeviceRegistry.load();
  }

  @Provides
  @Singleton
  WriterRegistry writerRegistry() {
    return WriterRegistry.load();
  }
}
