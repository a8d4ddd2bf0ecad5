package org.scopeio.api;

/**
 * What the host recorded about one buffer as it arrived (mio's runtime metadata, docs/formats.md
 * §4.11, and Scopeio's checks). {@code -1} means "not recorded", as in mio's CSV files.
 *
 * @param recvIndex consecutive index over the buffers kept by the decoder, from 0
 * @param recvUnixTime host wall-clock time of decoding, in seconds since the Unix epoch
 * @param blackPaddingPixels zero pixels appended because the buffer was short
 * @param suspectPixels pixels decoded after a bit slip inside this buffer's pixels
 * @param recovered whether the buffer was found at its predicted place in a span whose preamble was
 *     lost (meaningful only where {@code recvIndex} is recorded)
 */
public record BufferRuntime(
    long recvIndex,
    double recvUnixTime,
    long blackPaddingPixels,
    long suspectPixels,
    boolean recovered) {
  /** Nothing recorded. */
  public static final BufferRuntime NONE = new BufferRuntime(-1, -1.0, -1, -1, false);

  /** Whether the host recorded anything about this buffer. */
  public boolean isRecorded() {
    return recvIndex >= 0;
  }
}
