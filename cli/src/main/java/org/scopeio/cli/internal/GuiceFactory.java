package org.scopeio.cli.internal;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import picocli.CommandLine;

/**
 * Lets picocli create the commands, whose {@code @Inject} constructors take {@link Provider}s of
 * what they use: picocli makes the commands a command line needs up front (to know their options),
 * but the Guice injector, and with it the config store and the registries, is created only when a
 * command that runs asks for one of them. {@code scopeio --version} and {@code --help} never start
 * Guice.
 */
public final class GuiceFactory implements CommandLine.IFactory {
  private final Module module;
  private Injector injector;

  public GuiceFactory(Module module) {
    this.module = module;
  }

  private synchronized Injector injector() {
    if (injector == null) {
      injector = Guice.createInjector(module);
    }
    return injector;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    if (cls.getPackageName().startsWith("org.scopeio")) {
      for (Constructor<?> c : cls.getConstructors()) {
        if (c.isAnnotationPresent(Inject.class)) {
          Type[] params = c.getGenericParameterTypes();
          Object[] args = new Object[params.length];
          for (int i = 0; i < params.length; i++) {
            args[i] = lazy(params[i], cls);
          }
          return cls.cast(c.newInstance(args));
        }
      }
    }
    return CommandLine.defaultFactory().create(cls);
  }

  /** A provider that asks the injector (made on first use) for what {@code type} provides. */
  private Provider<?> lazy(Type type, Class<?> command) {
    if (!(type instanceof ParameterizedType p) || p.getRawType() != Provider.class) {
      throw new IllegalStateException(
          command.getName() + ": an @Inject constructor of a command takes Provider<T>s only");
    }
    Class<?> wanted = (Class<?>) p.getActualTypeArguments()[0];
    return () -> injector().getInstance(wanted);
  }
}
