package org.scopeio.api.spi;

import java.util.List;
import java.util.Map;
import org.scopeio.api.FrameWriter;

/**
 * Entry point of a writer plugin, found through {@link java.util.ServiceLoader}: list the
 * implementing class in {@code META-INF/services/org.scopeio.api.spi.WriterProvider}.
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe. The {@link
 * FrameWriter} it creates opens its files in {@code open} (refusing existing ones unless {@link
 * org.scopeio.api.WriterOptions#overwrite()} allows it, see {@link org.scopeio.core.OutputFiles}),
 * hands each frame to the operating system in {@code write}, records lost frames in {@code gap},
 * raises {@link org.scopeio.api.WriteException} with the file and frame index on any failure, and
 * completes its files in {@code close}. Settings come from {@link
 * org.scopeio.api.WriterOptions#settings()} under {@code <format>.}; list them in {@link
 * #settings()} and refuse unknown ones. A test extending the contract test kit's {@code
 * WriterContractTest} (the {@code scopeio-simulator} test jar) checks all of this.
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
