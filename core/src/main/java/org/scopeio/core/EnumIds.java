package org.scopeio.core;

import java.util.Locale;

/**
 * How enum constants are written in configs and on the command line: lower case with dashes ({@code
 * DROP_NEWEST} is {@code drop-newest}); underscores and any case are accepted on input.
 */
public final class EnumIds {
  private EnumIds() {}

  /** The id of {@code constant}, e.g. {@code drop-newest}. */
  public static String id(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The constant of {@code type} written {@code id}.
   *
   * @param what what the constant is, for the message ("overflow policy")
   * @throws IllegalArgumentException listing the accepted ids ("expected a, b or c")
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String id, String what) {
    String name = id.trim().replace('-', '_').toUpperCase(Locale.ROOT);
    E[] constants = type.getEnumConstants();
    for (E e : constants) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < constants.length; i++) {
      if (i > 0) {
        expected.append(i == constants.length - 1 ? " or " : ", ");
      }
      expected.append(id(constants[i]));
    }
    throw new IllegalArgumentException("unknown " + what + " '" + id + "'; expected " + expected);
  }
}
