package org.scopeio.api;

import java.util.Objects;
import java.util.Set;

/**
 * A kind of config: the model name Scopeio writes, the mio model names it also accepts, keys that
 * mio files carry but nobody reads (they only warn), and the immutable record its body is bound to.
 * Pure description: a {@link Configs} implementation reads the YAML and binds it, {@code
 * snake_case} keys to the record's {@code camelCase} components, unknown keys failing with their
 * full path.
 *
 * @param <T> the bound value, an immutable record that validates itself in its compact constructor
 */
public class ConfigType<T> {
  private final String model;
  private final Class<T> valueType;
  private final Set<String> aliases;
  private final Set<String> deadKeys;

  /**
   * @param model Scopeio's model name, e.g. {@code simulated-device}
   * @param valueType the record the body binds to
   * @param aliases other model names accepted (mio's dotted class names)
   * @param deadKeys dotted key paths that are accepted with a warning and ignored
   */
  protected ConfigType(
      String model, Class<T> valueType, Set<String> aliases, Set<String> deadKeys) {
    this.model = Objects.requireNonNull(model, "model");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
    this.aliases = Set.copyOf(aliases);
    this.deadKeys = Set.copyOf(deadKeys);
  }

  /** A config bound to the record {@code type}. */
  public static <T> ConfigType<T> bound(
      String model, Class<T> type, Set<String> aliases, Set<String> deadKeys) {
    return new ConfigType<>(model, type, aliases, deadKeys);
  }

  public String model() {
    return model;
  }

  /** The class of the bound value. */
  public Class<T> valueType() {
    return valueType;
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

  @Override
  public String toString() {
    return "ConfigType[" + model + "]";
  }
}
