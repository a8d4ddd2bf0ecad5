package org.scopeio.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.DeviceTimeoutException;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.OverflowPolicy;

/**
 * Reads an open on-demand device (a card, a capture file, a raw video) on a thread of its own, a
 * few frames ahead of the consumer, through a bounded {@link HandoffQueue} that blocks (nothing is
 * dropped or reordered): decoding and writing then run on two cores. A failure of the device
 * reaches the consumer as the same exception, after the frames read before it. Closing stops the
 * thread; the device stays open (its owner closes it).
 */
final class ReadAhead implements Device {
  /** How long one read of the device may wait before the thread looks whether it should stop. */
  private static final Duration SLICE = Duration.ofMillis(200);

  /** At most this many bytes of frames wait in the queue. */
  private static final long QUEUE_BYTES = 64L << 20;

  private final Device device;
  private final HandoffQueue<FrameOrGap> queue;
  private final Thread reader;
  private volatile RuntimeException failure;
  private volatile boolean stopped;

  private ReadAhead(Device device, int depth) {
    this.device = device;
    this.queue = new HandoffQueue<>(depth, OverflowPolicy.BLOCK);
    this.reader = new Thread(this::read, "scopeio-" + device.type() + "-read-ahead");
    reader.setDaemon(true);
  }

  /** Starts reading {@code device}, which must be open, ahead of the consumer. */
  static ReadAhead start(Device device) {
    DeviceInfo info = device.info();
    long frameBytes = (long) info.width() * info.height() * info.pixelType().bytes();
    int depth = (int) Math.max(2, Math.min(8, QUEUE_BYTES / Math.max(1, frameBytes)));
    ReadAhead r = new ReadAhead(device, depth);
    r.reader.start();
    return r;
  }

  private void read() {
    try {
      while (!stopped) {
        Optional<FrameOrGap> item;
        try {
          item = device.next(SLICE);
        } catch (DeviceTimeoutException e) {
          continue; // an endless input with nothing in it yet: look again, unless stopped
        }
        if (item.isEmpty()) {
          break;
        }
        if (item.get() instanceof Frame f && queue.size() > 0) {
          // the telemetry's pass over the pixels, here while the consumer has frames to work on;
          // a consumer that waits for this frame makes the pass itself (a frame's statistics are
          // worked out once, by the first thread that asks), so that both cores share it when
          // reading is the slower side (README, Performance)
          f.pixelStats();
        }
        if (!queue.offer(item.get())) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
    } finally {
      queue.finish();
    }
  }

  @Override
  public String type() {
    return device.type();
  }

  @Override
  public DeviceInfo open() {
    throw new IllegalStateException(device.type() + " device is open");
  }

  @Override
  public DeviceInfo info() {
    return device.info();
  }

  @Override
  public Optional<FrameOrGap> next(Duration timeout) throws InterruptedException {
    HandoffQueue.Poll<FrameOrGap> poll = queue.take(timeout);
    if (poll.isTimeout()) {
      throw new DeviceTimeoutException(device.type(), timeout);
    }
    if (poll.item().isEmpty() && failure != null) {
      throw failure;
    }
    return poll.item();
  }

  @Override
  public Set<java.nio.file.Path> inputs() {
    return device.inputs();
  }

  @Override
  public List<String> report() {
    return device.report();
  }

  @Override
  public DeviceCounters counters() {
    return device.counters();
  }

  /** Stops the thread (at once if called again); the device stays open. */
  @Override
  public void close() {
    if (stopped && !reader.isAlive()) {
      return;
    }
    stopped = true;
    queue.close();
    reader.interrupt();
    try {
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
