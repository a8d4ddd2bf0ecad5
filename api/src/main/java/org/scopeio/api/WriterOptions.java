package org.scopeio.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings shared by every writer, plus writer-specific settings by key (each writer documents the
 * keys it reads).
 *
 * @param overwrite whether existing files may be replaced
 * @param settings writer-specific settings
 * @param inputs the files the recording reads (a card image, a capture, a raw video and its
 *     sidecar): no writer may create, replace or delete any of them, whatever {@code overwrite}
 *     says (see {@link OutputFiles#prepare(Path, WriterOptions)})
 */
public record WriterOptions(
    OverwritePolicy overwrite, Map<String, String> settings, Set<Path> inputs) {

  public WriterOptions {
    Objects.requireNonNull(overwrite, "overwrite");
    settings = Map.copyOf(settings);
    inputs = Set.copyOf(inputs);
  }

  /** Options for a recording that reads no file. */
  public WriterOptions(OverwritePolicy overwrite, Map<String, String> settings) {
    this(overwrite, settings, Set.of());
  }

  /** Refuse to overwrite, no further settings, no inputs. */
  public static WriterOptions defaults() {
    return new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, Map.of());
  }

  /** These options, protecting {@code more} inputs as well. */
  public WriterOptions withInputs(Set<Path> more) {
    Set<Path> all = new java.util.HashSet<>(inputs);
    all.addAll(more);
    return new WriterOptions(overwrite, settings, all);
  }
}
