package org.scopeio.api;

import java.nio.file.Path;

/**
 * A writer could not store a frame. Names the file and the index of the frame that failed;
 * everything written before that frame stays readable.
 */
public class WriteException extends ScopeioException {
  private static final long serialVersionUID = 1L;

  /** Frame index used when the failure is not tied to one frame (opening, closing). */
  public static final long NO_FRAME = -1;

  private final transient Path path;
  private final long frameIndex;

  public WriteException(Path path, long frameIndex, String message, Throwable cause) {
    super(
        path
            + (frameIndex == NO_FRAME ? "" : " (frame " + frameIndex + ")")
            + ": "
            + message
            + describe(cause),
        cause);
    this.path = path;
    this.frameIndex = frameIndex;
  }

  /**
   * What the operating system said, in words a person can act on: the file system exceptions carry
   * only the path in their message, which the message above already names.
   */
  private static String describe(Throwable cause) {
    if (cause == null) {
      return "";
    }
    if (cause instanceof java.nio.file.AccessDeniedException) {
      return ": permission denied (check the folder's owner and rights)";
    }
    if (cause instanceof java.nio.file.NoSuchFileException e) {
      return ": no such file or folder" + (e.getFile() == null ? "" : " (" + e.getFile() + ")");
    }
    if (cause instanceof java.nio.file.FileAlreadyExistsException) {
      return ": it exists";
    }
    if (cause instanceof java.nio.file.NotDirectoryException e) {
      return ": " + e.getFile() + " is not a folder";
    }
    if (cause instanceof java.nio.file.FileSystemException e && e.getReason() != null) {
      return ": " + e.getReason();
    }
    return cause.getMessage() != null ? ": " + cause.getMessage() : ": " + cause;
  }

  public Path path() {
    return path;
  }

  /** Index of the frame being written, or {@link #NO_FRAME}. */
  public long frameIndex() {
    return frameIndex;
  }
}
