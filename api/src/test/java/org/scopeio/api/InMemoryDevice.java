package org.scopeio.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A test device that delivers prepared frames, optionally reporting drops before some of them. */
final class InMemoryDevice implements Device {
  final Deque<Frame> frames = new ArrayDeque<>();
  final Map<Long, Long> dropsBeforeIndex;
  final AtomicInteger nextCalls = new AtomicInteger();
  private long delivered;
  private long dropped;
  volatile boolean closed;

  InMemoryDevice(int count, Map<Long, Long> dropsBeforeIndex) {
    this.dropsBeforeIndex = dropsBeforeIndex;
    for (int i = 0; i < count; i++) {
      frames.add(
          Frame.builder(2, 1, PixelType.UINT8).index(i).pixels(new byte[] {(byte) i, 1}).build());
    }
  }

  @Override
  public String type() {
    return "memory";
  }

  @Override
  public DeviceInfo open() {
    return info();
  }

  @Override
  public DeviceInfo info() {
    return new DeviceInfo("memory", "test frames", 2, 1, PixelType.UINT8, 10.0, null, Map.of());
  }

  @Override
  public synchronized Optional<Frame> next(Duration timeout) {
    nextCalls.incrementAndGet();
    Frame f = frames.poll();
    if (f == null) {
      return Optional.empty();
    }
    dropped += dropsBeforeIndex.getOrDefault(f.index(), 0L);
    delivered++;
    return Optional.of(f);
  }

  /** Counts {@code n} more dropped frames, as a live device does when nobody reads it. */
  synchronized void drop(long n) {
    dropped += n;
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
