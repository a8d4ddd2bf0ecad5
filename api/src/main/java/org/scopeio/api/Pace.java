package org.scopeio.api;

/** How a device's frames come: at the device's own pace, or when they are asked for. */
public enum Pace {
  /**
   * Frames come at the device's pace whether or not anyone reads them (a camera, a paced
   * simulator): a reader slower than the device loses frames, which the device counts and delivers
   * as {@link Gap}s; a reader waits for the next frame at most its timeout.
   */
  LIVE,
  /**
   * Frames are read when asked for (a card image, a capture file): nothing is lost by reading
   * slowly, and the source is still there after the recording.
   */
  ON_DEMAND
}
