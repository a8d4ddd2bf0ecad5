package org.scopeio.api.spi;

import java.util.List;
import java.util.Map;
import org.scopeio.api.FrameWriter;

/**
 * Entry point of a writer plugin, found through {@link java.util.ServiceLoader}: list the
 * implementing class in {@code META-INF/services/org.scopeio.api.spi.WriterProvider}.
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe.
 */
public interface WriterProvider {

  /** The unique format name used with {@code --format}, e.g. {@code raw}, {@code csv}. */
  String format();

  /** The file name endings this writer produces after the stem, e.g. {@code .raw}. */
  List<String> extensions();

  /** One line for {@code scopeio formats}. */
  String description();

  /**
   * The settings this format reads from {@link org.scopeio.api.WriterOptions#settings()}, by key
   * without the {@code <format>.} prefix, each with a one-line description for {@code scopeio
   * formats}. Keys every writer shares ({@code sync}) are not listed.
   */
  default Map<String, String> settings() {
    return Map.of();
  }

  /** A new, unopened writer. */
  FrameWriter create();
}
