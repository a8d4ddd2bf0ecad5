package org.scopeio.api.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.scopeio.api.ScopeioException;

/**
 * Providers of one kind keyed by their type name. Two providers with the same name fail loudly,
 * naming both classes; asking for an unknown name fails listing the known names. Immutable and
 * thread-safe.
 *
 * <p>{@link #load} discovers providers with {@link ServiceLoader}; {@link #of} is the seam that
 * lets tests and host applications supply providers directly.
 *
 * @param <P> provider interface
 */
public final class ProviderRegistry<P> {
  private final String kind;
  private final Map<String, P> byName;

  private ProviderRegistry(String kind, Map<String, P> byName) {
    this.kind = kind;
    this.byName = Collections.unmodifiableMap(byName);
  }

  /**
   * Providers found by {@link ServiceLoader} on {@code loader}.
   *
   * @param kind what the providers provide, for messages ("device type", "writer format")
   * @throws ScopeioException if a provider cannot be instantiated or two share a name
   */
  public static <P> ProviderRegistry<P> load(
      Class<P> service, Function<P, String> name, String kind, ClassLoader loader) {
    List<P> found = new ArrayList<>();
    try {
      for (P p : ServiceLoader.load(service, loader)) {
        found.add(p);
      }
    } catch (ServiceConfigurationError e) {
      throw new ScopeioException(
          "cannot load a " + service.getSimpleName() + ": " + e.getMessage(), e);
    }
    return of(found, name, kind);
  }

  /** Providers given directly. */
  public static <P> ProviderRegistry<P> of(
      Iterable<? extends P> providers, Function<P, String> name, String kind) {
    Map<String, P> byName = new TreeMap<>();
    for (P p : providers) {
      String n = name.apply(p);
      if (n == null || n.isBlank()) {
        throw new ScopeioException(p.getClass().getName() + " declares an empty " + kind);
      }
      P previous = byName.putIfAbsent(n, p);
      if (previous != null) {
        throw new ScopeioException(
            "two providers declare the "
                + kind
                + " '"
                + n
                + "': "
                + previous.getClass().getName()
                + " and "
                + p.getClass().getName()
                + "; remove one of them from the class path");
      }
    }
    return new ProviderRegistry<>(kind, byName);
  }

  /**
   * The provider named {@code name}.
   *
   * @throws ScopeioException listing the known names if there is none
   */
  public P get(String name) {
    P p = byName.get(name);
    if (p == null) {
      throw new ScopeioException(
          "unknown "
              + kind
              + " '"
              + name
              + "'; known: "
              + (byName.isEmpty() ? "none (no provider on the class path)" : names()));
    }
    return p;
  }

  public Optional<P> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Known names, sorted. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** Providers sorted by name. */
  public List<P> all() {
    return List.copyOf(byName.values());
  }
}
