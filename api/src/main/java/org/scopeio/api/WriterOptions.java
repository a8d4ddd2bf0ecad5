package org.scopeio.api;

import java.util.Map;
import java.util.Objects;

/**
 * Settings shared by every writer, plus writer-specific settings by key (each writer documents the
 * keys it reads).
 *
 * @param overwrite whether existing files may be replaced
 * @param settings writer-specific settings
 */
public record WriterOptions(OverwritePolicy overwrite, Map<String, String> settings) {

  public WriterOptions {
    Objects.requireNonNull(overwrite, "overwrite");
    settings = Map.copyOf(settings);
  }

  /** Refuse to overwrite, no further settings. */
  public static WriterOptions defaults() {
    return new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, Map.of());
  }
}
