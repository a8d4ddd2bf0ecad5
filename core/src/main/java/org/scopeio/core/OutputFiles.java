package org.scopeio.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;

/**
 * The checks every command and writer makes before it creates, replaces or deletes an output file:
 * the one place that keeps a recording from destroying what it reads.
 */
public final class OutputFiles {
  /**
   * The longest name, in bytes, of an output file: the 255 of Linux's file systems (NAME_MAX) and
   * most others, less the 11 of {@code .retime.tmp}, the longest suffix of a temporary file a
   * writer makes beside one of its outputs while finishing it (FfmpegWriter; the others add {@code
   * .tmp}). A longer name failed when the recording ended, after every frame was written.
   */
  public static final int MAX_NAME_BYTES = 255 - ".retime.tmp".length();

  private OutputFiles() {}

  /** {@code stem} with {@code suffix} appended to its file name. */
  public static Path withSuffix(Path stem, String suffix) {
    return stem.resolveSibling(requireStem(stem).getFileName() + suffix);
  }

  /**
   * {@code stem}, checked to end in a file name to which the formats add their suffixes.
   *
   * @throws IllegalArgumentException if it is empty or a root
   */
  public static Path requireStem(Path stem) {
    Path name = stem.getFileName();
    if (name == null || name.toString().isEmpty()) {
      throw new IllegalArgumentException(
          "output stem '" + stem + "' has no file name; expected a path such as demo/run1");
    }
    return stem;
  }

  /**
   * Readies {@code file} for writing with {@code options}: see {@link #prepare(Path,
   * OverwritePolicy, Collection)}.
   */
  public static void prepare(Path file, WriterOptions options) {
    prepare(file, options.overwrite(), options.inputs());
  }

  /**
   * Readies {@code file} for writing: fails if it is one of {@code inputs} (the same path, a
   * symbolic link to one, or a hard link of one), whatever {@code policy} says; fails if it exists
   * and may not be overwritten or its file name is longer than {@link #MAX_NAME_BYTES}; creates its
   * parent directories.
   *
   * @throws WriteException naming the file and why
   */
  public static void prepare(Path file, OverwritePolicy policy, Collection<Path> inputs) {
    requireNotInput(file, inputs);
    // checked here, before anything is created: a name too long failed at its creation, leaving
    // the writers' other files behind, or, for a temporary file, when the recording ended
    requireNameFits(
        file,
        MAX_NAME_BYTES,
        "its file name",
        "outputs",
        "the temporary files made beside them fit the 255 of file systems");
    if (Files.isDirectory(file)) {
      throw new WriteException(
          file, WriteException.NO_FRAME, "is a folder; --out names a file stem", null);
    }
    if (policy == OverwritePolicy.FAIL_IF_EXISTS && Files.exists(file)) {
      throw new WriteException(
          file, WriteException.NO_FRAME, "exists; refusing to overwrite it (use --force)", null);
    }
    Path parent = file.toAbsolutePath().getParent();
    for (Path p = parent; p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw new WriteException(
            file, WriteException.NO_FRAME, "cannot create its folder: " + p + " is a file", null);
      }
    }
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new WriteException(file, WriteException.NO_FRAME, "cannot create its folder", e);
    }
  }

  /**
   * Fails if the file name of {@code path} is longer than {@code maxBytes} in UTF-8, with the
   * message "SUBJECT is N bytes long; WHO may have at most MAX, so that WHY (choose a shorter
   * --out)".
   *
   * @throws WriteException naming {@code path}
   */
  public static void requireNameFits(
      Path path, int maxBytes, String subject, String who, String why) {
    Path name = path.getFileName();
    int bytes = name == null ? 0 : name.toString().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      throw new WriteException(
          path,
          WriteException.NO_FRAME,
          subject
              + " is "
              + bytes
              + " bytes long; "
              + who
              + " may have at most "
              + maxBytes
              + ", so that "
              + why
              + " (choose a shorter --out)",
          null);
    }
  }

  /**
   * Fails if {@code file} is one of {@code inputs}: the same path, a symbolic link to one, or a
   * hard link of one (the same file of the file system under another name).
   *
   * @throws WriteException naming the file and the input it would destroy
   */
  public static void requireNotInput(Path file, Collection<Path> inputs) {
    for (Path input : inputs) {
      if (sameFile(file, input)) {
        throw new WriteException(
            file,
            WriteException.NO_FRAME,
            (file.equals(input) ? "is" : "is the same file as")
                + " the input "
                + (file.equals(input) ? "" : input + " ")
                + "this command reads; refusing to write it, even with --force (choose another"
                + " output)",
            null);
      }
    }
  }

  private static boolean sameFile(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    if (!Files.exists(a) || !Files.exists(b)) {
      return false;
    }
    try {
      return Files.isSameFile(a, b); // follows links; compares the file system's file keys
    } catch (IOException e) {
      return false;
    }
  }
}
