package org.scopeio.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scopeio.api.DeviceException;
import org.scopeio.api.OverflowPolicy;

class HandoffQueueTest {
  static final Duration NOW = Duration.ZERO;

  static List<Integer> drain(HandoffQueue<Integer> q) throws InterruptedException {
    List<Integer> out = new ArrayList<>();
    while (true) {
      HandoffQueue.Poll<Integer> p = q.take(NOW);
      if (p.item().isEmpty()) {
        return out;
      }
      out.add(p.item().get());
    }
  }

  @Test
  void dropNewestKeepsTheOldItemsAndCountsTheRest() throws Exception {
    HandoffQueue<Integer> q = new HandoffQueue<>(3, OverflowPolicy.DROP_NEWEST);
    for (int i = 0; i < 5; i++) {
      assertThat(q.offer(i)).isTrue();
    }
    assertThat(q.dropped()).isEqualTo(2);
    assertThat(q.offered()).isEqualTo(5);
    assertThat(drain(q)).containsExactly(0, 1, 2);
  }

  @Test
  void dropOldestKeepsTheNewestItemsAndCountsTheRest() throws Exception {
    HandoffQueue<Integer> q = new HandoffQueue<>(3, OverflowPolicy.DROP_OLDEST);
    for (int i = 0; i < 5; i++) {
      q.offer(i);
    }
    assertThat(q.dropped()).isEqualTo(2);
    assertThat(drain(q)).containsExactly(2, 3, 4);
  }

  @Test
  void blockWaitsForRoomAndLosesNothing() throws Exception {
    HandoffQueue<Integer> q = new HandoffQueue<>(2, OverflowPolicy.BLOCK);
    CompletableFuture<Void> producer =
        CompletableFuture.runAsync(
            () -> {
              try {
                for (int i = 0; i < 100; i++) {
                  q.offer(i);
                }
                q.finish();
              } catch (InterruptedException e) {
                throw new RuntimeException(e);
              }
            });
    List<Integer> got = new ArrayList<>();
    while (true) {
      HandoffQueue.Poll<Integer> p = q.take(Duration.ofSeconds(5));
      if (p.isEnd()) {
        break;
      }
      got.add(p.item().orElseThrow());
    }
    producer.get(5, TimeUnit.SECONDS);
    assertThat(got).hasSize(100).isSorted();
    assertThat(q.dropped()).isZero();
  }

  @Test
  void takeDistinguishesTimeoutFromEnd() throws Exception {
    HandoffQueue<Integer> q = new HandoffQueue<>(1, OverflowPolicy.BLOCK);
    HandoffQueue.Poll<Integer> p = q.take(Duration.ofMillis(10));
    assertThat(p.isTimeout()).isTrue();
    assertThat(p.isEnd()).isFalse();
    q.offer(7);
    q.finish();
    assertThat(q.offer(8)).isFalse();
    assertThat(q.take(NOW).item()).contains(7);
    assertThat(q.take(NOW).isEnd()).isTrue();
  }

  @Test
  void aFailureReachesTheConsumerAfterTheQueuedItems() throws Exception {
    HandoffQueue<Integer> q = new HandoffQueue<>(4, OverflowPolicy.BLOCK);
    q.offer(1);
    q.fail(new IllegalStateException("sensor unplugged"));
    assertThat(q.take(NOW).item()).contains(1);
    assertThatThrownBy(() -> q.take(NOW))
        .isInstanceOf(DeviceException.class)
        .hasMessage("producer failed: sensor unplugged");
  }

  @Test
  void closeWakesABlockedProducer() throws Exception {
    HandoffQueue<Integer> q = new HandoffQueue<>(1, OverflowPolicy.BLOCK);
    q.offer(1);
    CompletableFuture<Boolean> blocked =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return q.offer(2);
              } catch (InterruptedException e) {
                throw new RuntimeException(e);
              }
            });
    Thread.sleep(50);
    assertThat(blocked).isNotDone();
    q.close();
    assertThat(blocked.get(5, TimeUnit.SECONDS)).isFalse();
    assertThat(q.take(NOW).isEnd()).isTrue();
  }

  @Test
  void policyNamesParseFromConfigs() {
    assertThat(EnumIds.parse(OverflowPolicy.class, "drop-oldest", "overflow policy"))
        .isEqualTo(OverflowPolicy.DROP_OLDEST);
    assertThat(EnumIds.parse(OverflowPolicy.class, "BLOCK", "overflow policy"))
        .isEqualTo(OverflowPolicy.BLOCK);
    assertThatThrownBy(() -> EnumIds.parse(OverflowPolicy.class, "lossy", "overflow policy"))
        .hasMessage("unknown overflow policy 'lossy'; expected block, drop-newest or drop-oldest");
    assertThatThrownBy(() -> new HandoffQueue<Integer>(0, OverflowPolicy.BLOCK))
        .hasMessage("queue capacity must be >= 1, got 0");
  }
}
