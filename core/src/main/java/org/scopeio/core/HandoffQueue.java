package org.scopeio.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.scopeio.api.DeviceException;
import org.scopeio.api.OverflowPolicy;

/**
 * A bounded hand-off between one producing and one consuming thread (for example a device's
 * acquisition thread and the caller of {@link Device#next}), with an explicit {@link
 * OverflowPolicy} and a count of every item dropped.
 *
 * <p>The producer calls {@link #offer}, then {@link #finish()} at end of data or {@link
 * #fail(Throwable)} on error. The consumer calls {@link #take(Duration)}, which returns items in
 * order, then an empty result once the queue is finished and drained. Any thread may call {@link
 * #close()}, which wakes both sides and makes further offers return {@code false}. Thread-safe.
 *
 * @param <T> item type
 */
public final class HandoffQueue<T> {
  private final int capacity;
  private final OverflowPolicy policy;
  private final ArrayDeque<T> items;
  private final java.util.function.Consumer<? super T> onDrop;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private long dropped;
  private long offered;
  private boolean finished;
  private boolean closed;
  private Throwable failure;

  public HandoffQueue(int capacity, OverflowPolicy policy) {
    this(capacity, policy, item -> {});
  }

  /**
   * A queue that also tells {@code onDrop} about every item its policy drops (called on the
   * producer's thread, under the queue's lock: keep it short).
   */
  public HandoffQueue(
      int capacity, OverflowPolicy policy, java.util.function.Consumer<? super T> onDrop) {
    this.onDrop = java.util.Objects.requireNonNull(onDrop, "onDrop");
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
    this.policy = java.util.Objects.requireNonNull(policy, "policy");
    this.items = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  /**
   * Hands over an item. Returns {@code false} if the queue was closed or finished (the item is then
   * not counted as dropped: the consumer is gone) and {@code true} otherwise, including when the
   * overflow policy dropped an item.
   */
  public boolean offer(T item) throws InterruptedException {
    java.util.Objects.requireNonNull(item, "item");
    lock.lockInterruptibly();
    try {
      if (closed || finished) {
        return false;
      }
      offered++;
      if (items.size() >= capacity) {
        switch (policy) {
          case BLOCK -> {
            while (items.size() >= capacity && !closed) {
              notFull.await();
            }
            if (closed) {
              return false;
            }
          }
          case DROP_NEWEST -> {
            dropped++;
            onDrop.accept(item);
            return true;
          }
          case DROP_OLDEST -> {
            onDrop.accept(items.pollFirst());
            dropped++;
          }
        }
      }
      items.addLast(item);
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits up to {@code timeout} for the next item. The result holds the item, or says that the
   * producer {@link #finish finished} and everything was taken, or that the wait timed out.
   *
   * @throws DeviceException if the producer {@link #fail failed} and every item was taken
   */
  public Poll<T> take(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lockInterruptibly();
    try {
      while (items.isEmpty()) {
        if (failure != null) {
          throw new DeviceException("producer failed: " + failure.getMessage(), failure);
        }
        if (finished || closed) {
          return Poll.end();
        }
        if (nanos <= 0) {
          return Poll.timeout();
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      T item = items.pollFirst();
      notFull.signal();
      return Poll.of(item);
    } finally {
      lock.unlock();
    }
  }

  /** No more items will be offered; the consumer drains what is queued, then sees the end. */
  public void finish() {
    lock.lock();
    try {
      finished = true;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The producer failed; the consumer drains what is queued, then receives the failure. */
  public void fail(Throwable cause) {
    lock.lock();
    try {
      failure = cause;
      finished = true;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops the hand-off: queued items are discarded, both sides wake up. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      items.clear();
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Items dropped by the overflow policy so far. */
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /** Items offered while the queue was open (kept or dropped). */
  public long offered() {
    lock.lock();
    try {
      return offered;
    } finally {
      lock.unlock();
    }
  }

  public int size() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }

  public int capacity() {
    return capacity;
  }

  public OverflowPolicy policy() {
    return policy;
  }

  /**
   * The outcome of {@link #take}: an item, the end of data, or a timeout.
   *
   * @param <T> item type
   */
  public static final class Poll<T> {
    private static final Poll<?> END = new Poll<>(null, true);
    private static final Poll<?> TIMEOUT = new Poll<>(null, false);
    private final T item;
    private final boolean end;

    private Poll(T item, boolean end) {
      this.item = item;
      this.end = end;
    }

    static <T> Poll<T> of(T item) {
      return new Poll<>(item, false);
    }

    @SuppressWarnings("unchecked")
    static <T> Poll<T> end() {
      return (Poll<T>) END;
    }

    @SuppressWarnings("unchecked")
    static <T> Poll<T> timeout() {
      return (Poll<T>) TIMEOUT;
    }

    /** The item, if one was taken. */
    public Optional<T> item() {
      return Optional.ofNullable(item);
    }

    /** True if the producer finished and everything was taken. */
    public boolean isEnd() {
      return end;
    }

    /** True if nothing arrived within the timeout. */
    public boolean isTimeout() {
      return item == null && !end;
    }
  }
}
