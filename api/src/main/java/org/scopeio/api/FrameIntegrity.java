package org.scopeio.api;

/**
 * What a device knows about the state of one frame's pixels. A frame with nothing lost or doubtful
 * is {@link #COMPLETE}.
 *
 * @param missingBuffers buffers of this frame that never arrived (their pixels are zero)
 * @param paddedPixels pixels set to zero because buffers were short or missing
 * @param excessBytes pixel bytes that arrived beyond the frame's size and were discarded
 * @param suspectPixels pixels decoded from bits that a slip inside the pixels shifted (they may be
 *     wrong; docs/formats.md §4.8)
 * @param recoveredBuffers buffers found at their predicted place after their preamble was lost
 *     (their pixels are as sent; counted so that the recovery is visible)
 */
public record FrameIntegrity(
    int missingBuffers,
    long paddedPixels,
    long excessBytes,
    long suspectPixels,
    int recoveredBuffers) {
  public static final FrameIntegrity COMPLETE = new FrameIntegrity(0, 0, 0, 0, 0);

  public FrameIntegrity {
    if (missingBuffers < 0
        || paddedPixels < 0
        || excessBytes < 0
        || suspectPixels < 0
        || recoveredBuffers < 0) {
      throw new IllegalArgumentException(
          "integrity counts must be >= 0: missingBuffers="
              + missingBuffers
              + " paddedPixels="
              + paddedPixels
              + " excessBytes="
              + excessBytes
              + " suspectPixels="
              + suspectPixels
              + " recoveredBuffers="
              + recoveredBuffers);
    }
  }

  /**
   * True if every pixel of the frame came from the device as sent (recovered buffers count as
   * complete: their pixels are exact).
   */
  public boolean isComplete() {
    return missingBuffers == 0 && paddedPixels == 0 && excessBytes == 0 && suspectPixels == 0;
  }
}
