package org.scopeio.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.DeviceTimeoutException;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.api.ScopeioException;
import org.scopeio.config.ConfigStore;

/**
 * What every {@link Device} promises, as tests. Extend it and say how to make your device:
 *
 * <pre>{@code
 * class MyCameraContractTest extends DeviceContractTest {
 *   protected Device newDevice() { return provider.create(requestFor5Frames); }
 *   protected long expectedFrames() { return 5; }
 *   protected Runnable badConfig() { return () -> provider.create(requestWithBadKey); }
 *   protected String badConfigNames() { return "bad_key"; }
 * }
 * }</pre>
 *
 * Optional hooks enable the tests of live devices: {@link #slowDevice()} (timeouts) and {@link
 * #overflowingDevice} (overflow policies). Every test is bounded in time: a hang fails.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DeviceContractTest {
  /**
   * Creates a device of {@code type} through the registry, as {@code scopeio} does: the providers
   * and packaged configs on the test's class path, {@code options} as {@code -O name=value}.
   */
  protected Device createDevice(String type, Map<String, String> options) {
    ClassLoader loader = getClass().getClassLoader();
    return DeviceRegistry.load(loader)
        .create(type, new DeviceRequest(null, options, new ConfigStore(null, loader)));
  }

  /** A new, unopened device that delivers {@link #expectedFrames()} frames and then ends. */
  protected abstract Device newDevice();

  /** The number of frames {@link #newDevice()}'s devices deliver (at least 3). */
  protected abstract long expectedFrames();

  /** Creating (or opening) a device with a bad config; must throw. */
  protected abstract Runnable badConfig();

  /** A word the bad config's error message must contain (the bad key or value). */
  protected abstract String badConfigNames();

  /**
   * A device that delivers at most one frame a second (a camera at a low rate), with at least two
   * frames, or {@code null} if this kind of device never waits (files).
   */
  protected Device slowDevice() {
    return null;
  }

  /**
   * A device whose frames come faster than a slow reader takes them, through a queue of at most 4
   * frames with {@code policy}, or {@code null} if the device has no queue.
   */
  protected Device overflowingDevice(OverflowPolicy policy) {
    return null;
  }

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The frames up to the end of data; checks that the gaps carry every frame counted lost. */
  private static List<Frame> drain(Device d) throws InterruptedException {
    Drained drained = Drained.of(d, WAIT);
    assertThat(drained.framesLost())
        .as("frames delivered as gaps")
        .isEqualTo(d.counters().framesDropped());
    return drained.frames();
  }

  /** The next frame, after any gaps; fails at the end of data. */
  private static Frame nextFrame(Device d) throws InterruptedException {
    return Drained.nextFrame(d, WAIT).orElseThrow();
  }

  @Test
  void creatingADeviceDoesNoIoAndAnUnopenedDeviceClosesQuietly() {
    Device d = newDevice();
    assertThat(d.type()).isNotBlank();
    assertThatThrownBy(d::info).isInstanceOf(IllegalStateException.class);
    assertThat(d.counters()).isEqualTo(DeviceCounters.NONE);
    d.close();
    d.close();
  }

  @Test
  void openOnceThenCloseAnyNumberOfTimes() {
    Device d = newDevice();
    DeviceInfo info = d.open();
    assertThat(d.info()).isEqualTo(info);
    assertThat(info.deviceType()).isEqualTo(d.type());
    assertThatThrownBy(d::open).isInstanceOf(IllegalStateException.class);
    d.close();
    d.close();
    assertThatThrownBy(d::open).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void framesKeepTheStreamInfoAndComeInOrderUntilTheEndWhichRepeats() throws Exception {
    try (Device d = newDevice()) {
      DeviceInfo info = d.open();
      List<Frame> frames = drain(d);
      assertThat(frames).hasSize((int) expectedFrames());
      long previousIndex = -1;
      long previousHost = Long.MIN_VALUE;
      for (Frame f : frames) {
        assertThat(f.width()).isEqualTo(info.width());
        assertThat(f.height()).isEqualTo(info.height());
        assertThat(f.pixelType()).isEqualTo(info.pixelType());
        assertThat(f.index()).isGreaterThan(previousIndex);
        assertThat(f.hostMonotonicNanos()).isGreaterThanOrEqualTo(previousHost);
        previousIndex = f.index();
        previousHost = f.hostMonotonicNanos();
      }
      assertThat(d.counters().framesDelivered()).isEqualTo(expectedFrames());
      assertThat(d.next(Duration.ofMillis(100))).isEmpty();
      assertThat(d.next(Duration.ofMillis(100))).isEmpty();
    }
  }

  @Test
  void closingWhileAnotherThreadReadsEndsTheReadPromptly() throws Exception {
    Device d = slowDevice() != null ? slowDevice() : newDevice();
    d.open();
    CountDownLatch reading = new CountDownLatch(1);
    CompletableFuture<Object> reader =
        CompletableFuture.supplyAsync(
            () -> {
              reading.countDown();
              try {
                while (true) {
                  Optional<FrameOrGap> f = d.next(WAIT);
                  if (f.isEmpty()) {
                    return "end";
                  }
                }
              } catch (IllegalStateException | ScopeioException e) {
                return e;
              } catch (InterruptedException e) {
                return e;
              }
            },
            r -> new Thread(r, "test-io").start());
    reading.await();
    Thread.sleep(50);
    d.close();
    Object outcome = reader.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(outcome).isNotNull();
    assertThat(d.next(Duration.ofMillis(10))).as("next after close").isEmpty();
  }

  @Test
  void aBadConfigIsRefusedWithAMessageNamingIt() {
    assertThatThrownBy(() -> badConfig().run())
        .isInstanceOfAny(ScopeioException.class, IllegalArgumentException.class)
        .hasMessageContaining(badConfigNames());
  }

  @Test
  void aDeviceWithNoFrameYetTimesOut() throws Exception {
    Device slow = slowDevice();
    assumeTrue(slow != null, "this device never waits for frames");
    try (Device d = slow) {
      d.open();
      d.next(WAIT); // the first frame may come at once; the next one not within 50 ms
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> d.next(Duration.ofMillis(50)))
          .isInstanceOf(DeviceTimeoutException.class)
          .hasMessageContaining(d.type());
      assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }
  }

  @Test
  void thePublisherReadsOnlyAsFarAsTheSubscriberAsks() throws Exception {
    try (Device d = newDevice()) {
      d.open();
      List<FrameOrGap> got = new ArrayList<>();
      CountDownLatch two = new CountDownLatch(2);
      Flow.Subscription[] subscription = new Flow.Subscription[1];
      d.publisher()
          .subscribe(
              new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                  subscription[0] = s;
                  s.request(2);
                }

                @Override
                public void onNext(FrameOrGap f) {
                  synchronized (got) {
                    got.add(f);
                  }
                  two.countDown();
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onComplete() {}
              });
      assertThat(two.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200);
      synchronized (got) {
        assertThat(got).hasSize(2);
      }
      subscription[0].cancel();
    }
  }

  @Test
  void overflowPoliciesDropAndCountOrHoldBack() throws Exception {
    Device dropping = overflowingDevice(OverflowPolicy.DROP_NEWEST);
    assumeTrue(dropping != null, "this device has no frame queue");
    try (Device d = dropping) {
      d.open();
      List<Frame> frames = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        frames.add(nextFrame(d));
        Thread.sleep(50); // a slow reader
      }
      DeviceCounters c = d.counters();
      assertThat(c.framesDropped()).as("frames dropped by drop-newest").isPositive();
      assertThat(c.framesDelivered()).isEqualTo(frames.size());
      for (int i = 1; i < frames.size(); i++) {
        assertThat(frames.get(i).index()).isGreaterThan(frames.get(i - 1).index());
      }
    }
    try (Device d = overflowingDevice(OverflowPolicy.BLOCK)) {
      d.open();
      long previous = -1;
      for (int i = 0; i < 6; i++) {
        Frame f = nextFrame(d);
        assertThat(f.index()).isEqualTo(previous + 1);
        previous = f.index();
        Thread.sleep(50);
      }
      assertThat(d.counters().framesDropped()).as("frames dropped by block").isZero();
    }
  }
}
