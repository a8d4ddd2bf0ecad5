package org.scopeio.cli.internal;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;

/** Lets picocli create commands through Guice, and its own helper classes by default. */
public final class GuiceFactory implements CommandLine.IFactory {
  private final Injector injector;

  public GuiceFactory(Injector injector) {
    this.injector = injector;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    if (cls.getPackageName().startsWith("org.scopeio")) {
      try {
        return injector.getInstance(cls);
      } catch (ConfigurationException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
    return CommandLine.defaultFactory().create(cls);
  }
}
