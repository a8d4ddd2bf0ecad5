package org.scopeio.api.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A kind of config: the model name Scopeio writes, the mio model names it also accepts, keys that
 * mio files carry but nobody reads (they only warn), and how to bind the body to a value.
 *
 * @param <T> the bound value, usually an immutable record
 */
public final class ConfigType<T> {
  private final String model;
  private final Set<String> aliases;
  private final Set<String> deadKeys;
  private final Set<String> keys;
  private final BiFunction<ObjectNode, ConfigDocument, T> binder;

  private ConfigType(
      String model,
      Set<String> aliases,
      Set<String> deadKeys,
      Set<String> keys,
      BiFunction<ObjectNode, ConfigDocument, T> binder) {
    this.model = Objects.requireNonNull(model, "model");
    this.aliases = Set.copyOf(aliases);
    this.deadKeys = Set.copyOf(deadKeys);
    this.keys = Set.copyOf(keys);
    this.binder = Objects.requireNonNull(binder, "binder");
  }

  /**
   * A config bound to a record (or any Jackson-bindable class): YAML keys in {@code snake_case} map
   * to record components in {@code camelCase}; unknown keys fail naming their full path.
   *
   * @param model Scopeio's model name, e.g. {@code simulated-device}
   * @param aliases other model names accepted (mio's dotted class names)
   * @param deadKeys dotted key paths that are accepted with a warning and ignored
   */
  public static <T> ConfigType<T> bound(
      String model, Class<T> type, Set<String> aliases, Set<String> deadKeys) {
    return new ConfigType<>(
        model,
        aliases,
        deadKeys,
        ConfigBinding.keysOf(type),
        (body, doc) -> ConfigBinding.bind(body, type, doc.location()));
  }

  /** A config bound by custom code; {@code binder} gets the body (dead keys removed). */
  public static <T> ConfigType<T> custom(
      String model,
      Set<String> aliases,
      Set<String> deadKeys,
      BiFunction<ObjectNode, ConfigDocument, T> binder) {
    return new ConfigType<>(model, aliases, deadKeys, Set.of(), binder);
  }

  public String model() {
    return model;
  }

  /** Whether a file declaring {@code declaredModel} is of this type. */
  public boolean accepts(String declaredModel) {
    return model.equals(declaredModel) || aliases.contains(declaredModel);
  }

  public Set<String> aliases() {
    return aliases;
  }

  public Set<String> deadKeys() {
    return deadKeys;
  }

  /** The top-level keys of a config bound to a record ({@code snake_case}); empty otherwise. */
  public Set<String> keys() {
    return keys;
  }

  T bind(ObjectNode body, ConfigDocument doc) {
    return binder.apply(body, doc);
  }

  @Override
  public String toString() {
    return "ConfigType[" + model + "]";
  }
}
