package org.scopeio.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.Gap;

class DevicePublisherTest {

  static final class Collector implements Flow.Subscriber<FrameOrGap> {
    final List<Long> indices = new CopyOnWriteArrayList<>();
    final List<Long> gaps = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    volatile Throwable error;
    volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(FrameOrGap item) {
      if (item instanceof Frame f) {
        indices.add(f.index());
      } else {
        gaps.add(((Gap) item).frames());
      }
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
    ScriptedDevice device = new ScriptedDevice(10, Map.of());
    Collector c = new Collector();
    device.publisher().subscribe(c);
    c.subscription.request(3);
    Thread.sleep(200);
    assertThat(c.indices).containsExactly(0L, 1L, 2L);
    assertThat(device.nextCalls()).isEqualTo(3);
    c.subscription.request(Long.MAX_VALUE);
    assertThat(c.done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(c.error).isNull();
    assertThat(c.indices).hasSize(10);
  }

  @Test
  void cancelStopsReadingWithoutClosingTheDevice() throws Exception {
    ScriptedDevice device = new ScriptedDevice(10, Map.of());
    Collector c = new Collector();
    device.publisher().subscribe(c);
    c.subscription.request(2);
    Thread.sleep(100);
    c.subscription.cancel();
    c.subscription.request(5);
    Thread.sleep(100);
    assertThat(c.indices).containsExactly(0L, 1L);
    assertThat(device.isClosed()).isFalse();
  }

  @Test
  void aSecondSubscriberIsRefused() throws Exception {
    ScriptedDevice device = new ScriptedDevice(1, Map.of());
    Flow.Publisher<FrameOrGap> p = device.publisher();
    p.subscribe(new Collector());
    Collector second = new Collector();
    p.subscribe(second);
    assertThat(second.error).hasMessageContaining("accepts one subscriber only");
  }

  @Test
  void gapsArePublishedInOrderBetweenTheFrames() throws Exception {
    ScriptedDevice device = new ScriptedDevice(4, Map.of(2L, 3L));
    Collector c = new Collector();
    device.publisher().subscribe(c);
    c.subscription.request(Long.MAX_VALUE);
    assertThat(c.done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(c.indices).containsExactly(0L, 1L, 2L, 3L);
    assertThat(c.gaps).containsExactly(3L);
    assertThat(device.nextCalls()).isEqualTo(6);
  }

  @Test
  void nonPositiveRequestsAreSignalledAsErrors() throws Exception {
    ScriptedDevice device = new ScriptedDevice(3, Map.of());
    Collector c = new Collector();
    device.publisher().subscribe(c);
    c.subscription.request(0);
    assertThat(c.done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(c.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
  }
}
