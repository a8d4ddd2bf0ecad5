package org.scopeio.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.WriterRegistry;
import org.scopeio.config.ConfigStore;

/**
 * The composition root of the {@code scopeio} command: binds the config store and the device and
 * writer registries (discovered on the class path), each made once, when first asked for. Nothing
 * bound here holds an open resource; devices and writers are created per command.
 *
 * <p>The bindings are providers rather than {@code @Provides} methods: for those Guice generates a
 * class at run time with its own copy of ASM, which the start-up archive cannot hold (about 30 ms
 * of every command that reads a config).
 */
public class ScopeioModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(ConfigStore.class).toProvider(ConfigStore::standard).in(Scopes.SINGLETON);
    bind(DeviceRegistry.class).toProvider(DeviceRegistry::load).in(Scopes.SINGLETON);
    bind(WriterRegistry.class).toProvider(WriterRegistry::load).in(Scopes.SINGLETON);
  }
}
