package org.scopeio.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.Device;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.Gap;

/**
 * What a device delivered up to its end of data, frames and gaps apart, for tests that read a
 * device directly.
 *
 * @param frames the frames, in order
 * @param gaps the gaps, in order
 */
public record Drained(List<Frame> frames, List<Gap> gaps) {
  public Drained {
    frames = List.copyOf(frames);
    gaps = List.copyOf(gaps);
  }

  /** Reads an open device to its end, waiting at most {@code timeout} for each item. */
  public static Drained of(Device device, Duration timeout) throws InterruptedException {
    List<Frame> frames = new ArrayList<>();
    List<Gap> gaps = new ArrayList<>();
    for (Optional<FrameOrGap> item = device.next(timeout);
        item.isPresent();
        item = device.next(timeout)) {
      if (item.get() instanceof Frame f) {
        frames.add(f);
      } else {
        gaps.add((Gap) item.get());
      }
    }
    return new Drained(frames, gaps);
  }

  /** The next frame, after any gaps; empty at the end of data. */
  public static Optional<Frame> nextFrame(Device device, Duration timeout)
      throws InterruptedException {
    while (true) {
      Optional<FrameOrGap> item = device.next(timeout);
      if (item.isEmpty()) {
        return Optional.empty();
      }
      if (item.get() instanceof Frame f) {
        return Optional.of(f);
      }
    }
  }

  /** The frames the gaps account for. */
  public long framesLost() {
    return gaps.stream().mapToLong(Gap::frames).sum();
  }

  /** The buffer headers the gaps carry, in order. */
  public List<BufferHeader> lostHeaders() {
    return gaps.stream().flatMap(g -> g.headers().stream()).toList();
  }
}
