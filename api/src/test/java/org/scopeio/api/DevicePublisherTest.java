package org.scopeio.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DevicePublisherTest {

  static final class Collector implements Flow.Subscriber<Frame> {
    final List<Long> indices = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    volatile Throwable error;
    volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(Frame item) {
      indices.add(item.index());
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      done.countDown();
    }

    @Override
    public void onComplete() {
      done.countDown();
    }
  }

  @Test
  void readsTheDeviceOnlyAsFarAsTheSubscriberAsks() throws Exception {
    InMemoryDevice device = new InMemoryDevice(10, Map.of());
    Collector c = new Collector();
    device.publisher().subscribe(c);
    c.subscription.request(3);
    Thread.sleep(200);
    assertThat(c.indices).containsExactly(0L, 1L, 2L);
    assertThat(device.nextCalls.get()).isEqualTo(3);
    c.subscription.request(Long.MAX_VALUE);
    assertThat(c.done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(c.error).isNull();
    assertThat(c.indices).hasSize(10);
  }

  @Test
  void cancelStopsReadingWithoutClosingTheDevice() throws Exception {
    InMemoryDevice device = new InMemoryDevice(10, Map.of());
    Collector c = new Collector();
    device.publisher().subscribe(c);
    c.subscription.request(2);
    Thread.sleep(100);
    c.subscription.cancel();
    c.subscription.request(5);
    Thread.sleep(100);
    assertThat(c.indices).containsExactly(0L, 1L);
    assertThat(device.closed).isFalse();
  }

  @Test
  void aSecondSubscriberIsRefused() throws Exception {
    InMemoryDevice device = new InMemoryDevice(1, Map.of());
    Flow.Publisher<Frame> p = device.publisher();
    p.subscribe(new Collector());
    Collector second = new Collector();
    p.subscribe(second);
    assertThat(second.error).hasMessageContaining("accepts one subscriber only");
  }

  @Test
  void nonPositiveRequestsAreSignalledAsErrors() throws Exception {
    InMemoryDevice device = new InMemoryDevice(3, Map.of());
    Collector c = new Collector();
    device.publisher().subscribe(c);
    c.subscription.request(0);
    assertThat(c.done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(c.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
  }
}
