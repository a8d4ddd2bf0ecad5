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
            + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""),
        cause);
    this.path = path;
    this.frameIndex = frameIndex;
  }

  public Path path() {
    return path;
  }

  /** Index of the frame being written, or {@link #NO_FRAME}. */
  public long frameIndex() {
    return frameIndex;
  }
}
