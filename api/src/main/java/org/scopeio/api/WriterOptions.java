package org.scopeio.api;

import java.nio.file.Path;
import java.util.List;
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
 * @param command the command line that made the recording ({@code scopeio} and its arguments),
 *     which the writers record beside the software's name and version in what they write of how the
 *     files were made; empty when the recording was not made by a command (an embedding program)
 */
public record WriterOptions(
    OverwritePolicy overwrite,
    Map<String, String> settings,
    Set<Path> inputs,
    List<String> command) {

  public WriterOptions {
    Objects.requireNonNull(overwrite, "overwrite");
    settings = Map.copyOf(settings);
    inputs = Set.copyOf(inputs);
    command = List.copyOf(command);
  }

  /** Options for a recording that no command made. */
  public WriterOptions(OverwritePolicy overwrite, Map<String, String> settings, Set<Path> inputs) {
    this(overwrite, settings, inputs, List.of());
  }

  /** Options for a recording that reads no file and that no command made. */
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
    return new WriterOptions(overwrite, settings, all, command);
  }

  /** These options, for a recording made by the command line {@code command}. */
  public WriterOptions withCommand(List<String> command) {
    return new WriterOptions(overwrite, settings, inputs, command);
  }
}
