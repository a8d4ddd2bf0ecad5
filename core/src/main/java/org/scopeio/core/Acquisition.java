package org.scopeio.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.DeviceTimeoutException;
import org.scopeio.api.Frame;
import org.scopeio.api.OverflowPolicy;

/**
 * The live half of a device (its {@link org.scopeio.api.DeviceInfo#pace()} is {@code LIVE}): a
 * daemon thread that runs the device's {@link Producer}, and the bounded {@link HandoffQueue} to
 * the consumer with its {@link OverflowPolicy}; the buffer headers of the frames the policy drops
 * are kept for the gap that reports them ({@link AbstractDevice#takeDroppedHeaders()}). The
 * simulated device and the stream device from a serial port or USB use it; docs/architecture.md
 * draws it.
 */
public final class Acquisition {
  /** Produces frames until the end of data (it returns) or until the acquisition stops. */
  @FunctionalInterface
  public interface Producer {
    void run(Acquisition out) throws Exception;
  }

  private final String type;
  private final HandoffQueue<Frame> queue;
  private final DroppedHeaders droppedHeaders = new DroppedHeaders(100_000);
  private final Thread thread;
  private volatile boolean stopped;

  /**
   * @param type the device type, for the thread's name and timeouts
   * @param capacity frames held for a slow consumer
   * @param policy what a full queue does
   * @param producer what the thread runs
   */
  public Acquisition(String type, int capacity, OverflowPolicy policy, Producer producer) {
    this.type = type;
    this.queue = new HandoffQueue<>(capacity, policy, droppedHeaders::add);
    this.thread = new Thread(() -> run(producer), "scopeio-" + type + "-acquisition");
    thread.setDaemon(true);
  }

  /** Starts the thread. */
  public void start() {
    thread.start();
  }

  private void run(Producer producer) {
    try {
      producer.run(this);
      queue.finish();
    } catch (InterruptedException e) {
      queue.finish();
    } catch (Exception e) {
      if (stopped) {
        queue.finish(); // the failure is the stop's doing (a closed port)
      } else {
        queue.fail(e);
      }
    }
  }

  /**
   * Hands a frame to the consumer, or drops it by the policy; false once the acquisition stopped
   * (the producer should return).
   */
  public boolean offer(Frame frame) throws InterruptedException {
    frame.pixelStats(); // the telemetry's pass over the pixels, here, not on the recording thread
    return queue.offer(frame);
  }

  /** Whether {@link #stop()} was called. */
  public boolean stopped() {
    return stopped;
  }

  /**
   * The next frame, empty at the end.
   *
   * @throws DeviceTimeoutException if none came within {@code timeout}
   * @throws org.scopeio.api.DeviceException if the producer failed (after the frames before it)
   */
  public Optional<Frame> take(Duration timeout) throws InterruptedException {
    HandoffQueue.Poll<Frame> poll = queue.take(timeout);
    if (poll.isTimeout()) {
      throw new DeviceTimeoutException(type, timeout);
    }
    return poll.item();
  }

  /** Frames the overflow policy dropped. */
  public long dropped() {
    return queue.dropped();
  }

  /** The headers of frames dropped since the last call. */
  public List<BufferHeader> takeDroppedHeaders() {
    return droppedHeaders.take();
  }

  /** Stops the hand-off and the thread (waiting up to 5 s for it). */
  public void stop() {
    stop(() -> {});
  }

  /**
   * Stops the hand-off, runs {@code unblock} (closing a port ends a read that waits for bytes; a
   * failure it causes counts as the stop's, not as the device's), then stops the thread.
   */
  public void stop(Runnable unblock) {
    stopped = true;
    queue.close();
    unblock.run();
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
