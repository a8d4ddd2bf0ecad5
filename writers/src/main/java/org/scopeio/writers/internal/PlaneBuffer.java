package org.scopeio.writers.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;

/** One reused direct buffer holding a frame's pixels as little-endian bytes, for file writers. */
public final class PlaneBuffer {
  private final ByteBuffer buffer;

  /** A buffer for the frames of {@code info}. */
  public PlaneBuffer(DeviceInfo info) {
    buffer =
        ByteBuffer.allocateDirect(
                Math.toIntExact((long) info.width() * info.height() * info.pixelType().bytes()))
            .order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The pixels of {@code frame}, ready to be written (valid until the next call). */
  public ByteBuffer fill(Frame frame) {
    buffer.clear();
    frame.copyPixelsTo(buffer);
    return buffer.flip();
  }
}
