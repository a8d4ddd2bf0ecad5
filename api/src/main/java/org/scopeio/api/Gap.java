package org.scopeio.api;

import java.util.List;
import java.util.Objects;

/**
 * Frames lost at this point of a device's timeline: dropped by its overflow policy because the
 * reader was slower than the device, or reported lost by the device itself. Writers record it so
 * that readers can rebuild the true timeline (every output lists its gaps).
 *
 * @param frames how many frames were lost here (at least 1)
 * @param headers the buffer headers of the lost frames that did arrive, in order, so that metadata
 *     files can still list them (as mio's CSV does, with {@code reconstructed_frame_index -1});
 *     devices keep a bounded number
 */
public record Gap(long frames, List<BufferHeader> headers) implements FrameOrGap {
  public Gap {
    if (frames < 1) {
      throw new IllegalArgumentException("a gap loses at least 1 frame, got " + frames);
    }
    headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
  }

  /** {@code frames} lost frames whose headers are not known. */
  public static Gap of(long frames) {
    return new Gap(frames, List.of());
  }
}
