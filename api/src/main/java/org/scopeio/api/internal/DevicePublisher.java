package org.scopeio.api.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceTimeoutException;
import org.scopeio.api.FrameOrGap;

/**
 * Adapts a pull-style {@link Device} to {@link Flow.Publisher}: a daemon thread calls {@link
 * Device#next} only while the single subscriber has unmet demand, so a slow subscriber leaves
 * frames in the device, where its own overflow policy (and drop counters) applies.
 */
public final class DevicePublisher implements Flow.Publisher<FrameOrGap> {
  private static final Duration POLL = Duration.ofMillis(100);

  private final Device device;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  public DevicePublisher(Device device) {
    this.device = device;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super FrameOrGap> subscriber) {
    java.util.Objects.requireNonNull(subscriber, "subscriber");
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
          });
      subscriber.onError(
          new IllegalStateException(
              "the publisher of device '" + device.type() + "' accepts one subscriber only"));
      return;
    }
    DeviceSubscription s = new DeviceSubscription(subscriber);
    Thread t = new Thread(s::run, "scopeio-" + device.type() + "-publisher");
    t.setDaemon(true);
    subscriber.onSubscribe(s);
    t.start();
  }

  private final class DeviceSubscription implements Flow.Subscription {
    private final Flow.Subscriber<? super FrameOrGap> subscriber;
    private final Object lock = new Object();
    private long demand;
    private boolean cancelled;
    private Throwable badRequest;

    DeviceSubscription(Flow.Subscriber<? super FrameOrGap> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      synchronized (lock) {
        if (n <= 0) {
          badRequest =
              new IllegalArgumentException("Flow rule 3.9: request(" + n + ") must be positive");
        } else {
          demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        lock.notifyAll();
      }
    }

    @Override
    public void cancel() {
      synchronized (lock) {
        cancelled = true;
        lock.notifyAll();
      }
    }

    private boolean awaitDemand() throws InterruptedException {
      synchronized (lock) {
        while (demand == 0 && !cancelled && badRequest == null) {
          lock.wait();
        }
        return !cancelled;
      }
    }

    void run() {
      try {
        while (awaitDemand()) {
          Throwable bad;
          synchronized (lock) {
            bad = badRequest;
          }
          if (bad != null) {
            subscriber.onError(bad);
            return;
          }
          Optional<FrameOrGap> frame;
          try {
            frame = device.next(POLL);
          } catch (DeviceTimeoutException e) {
            continue;
          }
          if (frame.isEmpty()) {
            if (!isCancelled()) {
              subscriber.onComplete();
            }
            return;
          }
          synchronized (lock) {
            if (cancelled) {
              return;
            }
            if (demand != Long.MAX_VALUE) {
              demand--;
            }
          }
          subscriber.onNext(frame.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        if (!isCancelled()) {
          subscriber.onError(e);
        }
      }
    }

    private boolean isCancelled() {
      synchronized (lock) {
        return cancelled;
      }
    }
  }
}
