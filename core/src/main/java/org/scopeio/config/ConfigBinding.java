package org.scopeio.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Set;
import java.util.stream.Collectors;
import org.scopeio.api.ConfigException;

/** Binds config bodies to records and turns Jackson's errors into {@link ConfigException}s. */
final class ConfigBinding {
  static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ConfigBinding() {}

  /** The YAML keys of a record's components. */
  static Set<String> keysOf(Class<?> type) {
    Set<String> keys = new java.util.HashSet<>();
    if (type.isRecord()) {
      for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
        com.fasterxml.jackson.annotation.JsonProperty named =
            c.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        keys.add(
            named != null
                ? named.value()
                : PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName()));
      }
    }
    return keys;
  }

  /** What a value of {@code type} looks like, for messages. */
  static String describe(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class || type == Float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping of keys";
    }
    return "a " + type.getSimpleName();
  }

  static <T> T bind(ObjectNode body, Class<T> type, String location) {
    try {
      return MAPPER.treeToValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          location,
          path(e),
          "unknown key; known keys here are "
              + e.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", ")));
    } catch (InvalidFormatException e) {
      throw new ConfigException(
          location,
          path(e),
          "expected " + describe(e.getTargetType()) + ", got '" + e.getValue() + "'");
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ConfigException(location, path(e), cause.getMessage(), e);
    } catch (MismatchedInputException e) {
      throw new ConfigException(location, path(e), "expected " + describe(e.getTargetType()));
    } catch (JsonMappingException e) {
      throw new ConfigException(location, path(e), e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(location, null, e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(location, null, e.getMessage(), e);
    }
  }

  static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
