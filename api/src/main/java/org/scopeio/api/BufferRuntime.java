package org.scopeio.api;

/**
 * What the host recorded about one buffer as it arrived (mio's runtime metadata, formats.md 4.11).
 * {@code -1} means "not recorded", as in mio's CSV files.
 *
 * @param recvIndex consecutive index over the buffers kept by the decoder, from 0
 * @param recvUnixTime host wall-clock time of decoding, in seconds since the Unix epoch
 * @param blackPaddingPixels zero pixels appended because the buffer was short
 */
public record BufferRuntime(long recvIndex, double recvUnixTime, long blackPaddingPixels) {
  /** Nothing recorded. */
  public static final BufferRuntime NONE = new BufferRuntime(-1, -1.0, -1);
}
