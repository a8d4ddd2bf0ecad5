package org.scopeio.writers.internal;

import java.nio.file.Path;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.WriteException;

/** Checks every writer makes on the frames it is given. */
public final class FrameChecks {
  private FrameChecks() {}

  /**
   * Fails unless {@code frame} has the size and pixel type of {@code info}.
   *
   * @throws WriteException naming {@code file} and the frame index
   */
  public static void requireMatches(Path file, DeviceInfo info, Frame frame) {
    if (frame.width() != info.width()
        || frame.height() != info.height()
        || frame.pixelType() != info.pixelType()) {
      throw new WriteException(
          file,
          frame.index(),
          "frame is "
              + frame.width()
              + "x"
              + frame.height()
              + " "
              + frame.pixelType().id()
              + " but the file holds "
              + info.width()
              + "x"
              + info.height()
              + " "
              + info.pixelType().id(),
          null);
    }
  }
}
