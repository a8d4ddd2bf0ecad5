package org.scopeio.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checks every command and writer makes before it creates an output file. */
public final class OutputFiles {
  private OutputFiles() {}

  /** {@code stem} with {@code suffix} appended to its file name. */
  public static Path withSuffix(Path stem, String suffix) {
    Path name = stem.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("output stem '" + stem + "' has no file name");
    }
    return stem.resolveSibling(name + suffix);
  }

  /**
   * Fails if {@code file} exists and may not be overwritten; creates its parent directories.
   *
   * @throws WriteException naming the file
   */
  public static void prepare(Path file, OverwritePolicy policy) {
    if (policy == OverwritePolicy.FAIL_IF_EXISTS && Files.exists(file)) {
      throw new WriteException(
          file, WriteException.NO_FRAME, "exists; refusing to overwrite it (use --force)", null);
    }
    Path parent = file.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new WriteException(file, WriteException.NO_FRAME, "cannot create its directory", e);
    }
  }
}
