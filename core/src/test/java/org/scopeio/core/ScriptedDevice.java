package org.scopeio.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.Gap;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;

/**
 * A device for tests of code that reads devices (writers, recordings, host applications): it
 * delivers {@code count} 2x1 frames numbered from 0, each frame's first pixel its index, with a
 * {@link Gap} before the frames named in {@code gapsBeforeIndex}, and, if asked, a failure after
 * the last frame. Reads never wait.
 */
public final class ScriptedDevice implements Device {
  private final Deque<Frame> frames = new ArrayDeque<>();
  private final Map<Long, Long> dropsBeforeIndex;
  private final AtomicInteger nextCalls = new AtomicInteger();
  private long delivered;
  private Gap pendingGap;
  private long dropped;
  private volatile boolean closed;
  private RuntimeException failure;

  /**
   * @param count frames to deliver
   * @param gapsBeforeIndex frames lost (value) just before the frame of this index (key)
   */
  public ScriptedDevice(int count, Map<Long, Long> gapsBeforeIndex) {
    this.dropsBeforeIndex = Map.copyOf(gapsBeforeIndex);
    for (int i = 0; i < count; i++) {
      frames.add(
          Frame.builder(2, 1, PixelType.UINT8).index(i).pixels(new byte[] {(byte) i, 1}).build());
    }
  }

  @Override
  public String type() {
    return "scripted";
  }

  @Override
  public DeviceInfo open() {
    return info();
  }

  @Override
  public DeviceInfo info() {
    return new DeviceInfo(
        "scripted", "test frames", 2, 1, PixelType.UINT8, 10.0, null, Map.of(), -1, Pace.ON_DEMAND);
  }

  @Override
  public synchronized Optional<FrameOrGap> next(Duration timeout) {
    nextCalls.incrementAndGet();
    if (pendingGap != null) {
      Gap g = pendingGap;
      pendingGap = null;
      return Optional.of(g);
    }
    Frame f = frames.peek();
    if (f == null) {
      RuntimeException e = failure;
      failure = null;
      if (e != null) {
        throw e;
      }
      return Optional.empty();
    }
    long lost = dropsBeforeIndex.getOrDefault(f.index(), 0L);
    if (lost > 0 && dropped < lost) {
      dropped += lost;
      return Optional.of(Gap.of(lost));
    }
    frames.poll();
    delivered++;
    return Optional.of(f);
  }

  /**
   * Makes the read after the last frame throw {@code e} once (a card whose data end in a corrupt
   * header, say); the reads after it find the end.
   */
  public ScriptedDevice thenFails(RuntimeException e) {
    failure = e;
    return this;
  }

  /** How often {@link #next} was called. */
  public int nextCalls() {
    return nextCalls.get();
  }

  /** Whether {@link #close} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Loses {@code n} frames now, as a live device does when nobody reads it: the next read is a gap
   * of {@code n}.
   */
  public synchronized void drop(long n) {
    dropped += n;
    pendingGap = Gap.of(n);
  }

  @Override
  public synchronized DeviceCounters counters() {
    return new DeviceCounters(delivered, dropped, 0, 0, 0);
  }

  @Override
  public void close() {
    closed = true;
  }
}
