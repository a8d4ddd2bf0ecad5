package org.scopeio.api.spi;

import java.util.List;
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

  /** A new, unopened writer. */
  FrameWriter create();
}
