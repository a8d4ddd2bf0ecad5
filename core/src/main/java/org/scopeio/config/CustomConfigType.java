package org.scopeio.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import org.scopeio.api.ConfigType;

/**
 * A config type whose body is bound by code rather than to a record's components (for example a
 * buffer header format, a flat map of field names). {@link ConfigStore} calls the binder with the
 * body, dead keys removed.
 *
 * @param <T> the bound value
 */
public final class CustomConfigType<T> extends ConfigType<T> {
  private final BiFunction<ObjectNode, ConfigDocument, T> binder;

  private CustomConfigType(
      String model,
      Class<T> valueType,
      Set<String> aliases,
      Set<String> deadKeys,
      BiFunction<ObjectNode, ConfigDocument, T> binder) {
    super(model, valueType, aliases, deadKeys);
    this.binder = Objects.requireNonNull(binder, "binder");
  }

  /** A config type bound by {@code binder}. */
  public static <T> CustomConfigType<T> of(
      String model,
      Class<T> valueType,
      Set<String> aliases,
      Set<String> deadKeys,
      BiFunction<ObjectNode, ConfigDocument, T> binder) {
    return new CustomConfigType<>(model, valueType, aliases, deadKeys, binder);
  }

  T bind(ObjectNode body, ConfigDocument doc) {
    return binder.apply(body, doc);
  }
}
