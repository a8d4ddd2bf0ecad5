package org.scopeio.core;

import java.util.ArrayList;
import java.util.List;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.Frame;

/**
 * Keeps the buffer headers of dropped frames until {@link AbstractDevice} delivers them with the
 * gap that reports those frames, up to a limit (so a consumer that never reads cannot make it grow
 * without bound). Thread-safe.
 */
public final class DroppedHeaders {
  private final int limit;
  private final List<BufferHeader> headers = new ArrayList<>();
  private long notKept;

  /**
   * @param limit headers kept between two {@link #take()} calls
   */
  public DroppedHeaders(int limit) {
    this.limit = limit;
  }

  /** Records the headers of a dropped frame. */
  public synchronized void add(Frame dropped) {
    for (BufferHeader h : dropped.headers()) {
      if (headers.size() < limit) {
        headers.add(h);
      } else {
        notKept++;
      }
    }
  }

  /** The headers kept since the last call. */
  public synchronized List<BufferHeader> take() {
    List<BufferHeader> out = List.copyOf(headers);
    headers.clear();
    return out;
  }

  /** Headers of dropped frames that exceeded the limit (counted, not kept). */
  public synchronized long notKept() {
    return notKept;
  }
}
