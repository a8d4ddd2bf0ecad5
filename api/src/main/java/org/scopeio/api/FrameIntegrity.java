package org.scopeio.api;

/**
 * What a device knows to be wrong with one frame. A frame with nothing wrong is {@link #COMPLETE}.
 *
 * @param missingBuffers buffers of this frame that never arrived (their pixels are zero)
 * @param paddedPixels pixels set to zero because buffers were short or missing
 * @param excessBytes pixel bytes that arrived beyond the frame's size and were discarded
 */
public record FrameIntegrity(int missingBuffers, long paddedPixels, long excessBytes) {
  public static final FrameIntegrity COMPLETE = new FrameIntegrity(0, 0, 0);

  public FrameIntegrity {
    if (missingBuffers < 0 || paddedPixels < 0 || excessBytes < 0) {
      throw new IllegalArgumentException(
          "integrity counts must be >= 0: missingBuffers="
              + missingBuffers
              + " paddedPixels="
              + paddedPixels
              + " excessBytes="
              + excessBytes);
    }
  }

  /** True if every pixel of the frame came from the device as sent. */
  public boolean isComplete() {
    return missingBuffers == 0 && paddedPixels == 0 && excessBytes == 0;
  }
}
