package org.scopeio.writers.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;
import org.scopeio.core.OutputFiles;

/** The numbered parts of a recording that rolls over to new files ({@code <stem>_000.avi} ...). */
public final class OutputParts {
  private OutputParts() {}

  /**
   * Refuses to start when files of an earlier recording with this stem exist: {@code <stem>} or
   * {@code <stem>_NNN} followed by {@code suffix}. With overwriting allowed, deletes them, so that
   * no stale part is mistaken for part of this recording; an input of the recording is never
   * deleted.
   */
  public static void clear(Path stem, String suffix, WriterOptions options) {
    Path dir = stem.toAbsolutePath().getParent();
    Pattern part =
        Pattern.compile(
            Pattern.quote(stem.getFileName().toString()) + "(_\\d{3,})?" + Pattern.quote(suffix));
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir)) {
      for (Path p : found) {
        if (!part.matcher(p.getFileName().toString()).matches()) {
          continue;
        }
        OutputFiles.requireNotInput(p, options.inputs());
        if (options.overwrite() == OverwritePolicy.FAIL_IF_EXISTS) {
          throw new WriteException(
              p, WriteException.NO_FRAME, "exists; refusing to overwrite it (use --force)", null);
        }
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new WriteException(dir, WriteException.NO_FRAME, "cannot list or clear", e);
    }
  }

  /** Writes a file's content to a path. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path target) throws IOException;
  }

  /**
   * Replaces {@code file} with {@code content} in one step: written beside it, then renamed over
   * it, so readers see the old or the new file, never half of one.
   */
  public static void replace(Path file, Content content) throws IOException {
    Path tmp = org.scopeio.core.OutputFiles.withSuffix(file, ".tmp");
    content.writeTo(tmp);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Part {@code part} of a recording: {@code <stem>_NNN<suffix>}, or {@code <stem><suffix>}. */
  public static Path name(Path stem, int part, boolean numbered, String suffix) {
    return org.scopeio.core.OutputFiles.withSuffix(
        stem, (numbered ? String.format(Locale.ROOT, "_%03d", part) : "") + suffix);
  }
}
