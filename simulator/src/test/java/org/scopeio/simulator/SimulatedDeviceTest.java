package org.scopeio.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.ConfigException;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.Frame;
import org.scopeio.config.ConfigStore;
import org.scopeio.testkit.Drained;

class SimulatedDeviceTest {
  static final Duration T = Duration.ofSeconds(5);

  static Device create(Map<String, String> options) {
    ConfigStore configs = new ConfigStore(null, SimulatedDeviceTest.class.getClassLoader());
    return DeviceRegistry.load(SimulatedDeviceTest.class.getClassLoader())
        .create("simulated", new DeviceRequest(null, options, configs));
  }

  static List<Frame> readAll(Device d) throws InterruptedException {
    List<Frame> out = new ArrayList<>();
    for (Optional<Frame> f = Drained.nextFrame(d, T); f.isPresent(); f = Drained.nextFrame(d, T)) {
      out.add(f.get());
    }
    return out;
  }

  @Test
  void deliversConfiguredFramesWithDeviceCountersAndStreamHeaders() throws Exception {
    try (Device d =
        create(
            Map.of(
                "pacing", "as-fast-as-possible", "frames", "6", "width", "120", "height", "90"))) {
      DeviceInfo info = d.open();
      assertThat(info.width()).isEqualTo(120);
      assertThat(info.height()).isEqualTo(90);
      assertThat(info.frameRate()).isEqualTo(20.0);
      assertThat(info.headerFormat().id()).isEqualTo("stream-buffer-header");
      List<Frame> frames = readAll(d);
      assertThat(frames).hasSize(6);
      assertThat(Drained.nextFrame(d, T)).isEmpty();
      Frame f = frames.get(3);
      assertThat(f.index()).isEqualTo(3);
      assertThat(f.deviceFrameNumber()).hasValue(3);
      assertThat(f.deviceTimestampMillis()).hasValue(1150);
      // 120 x 90 = 10800 pixels in buffers of 5032: 5032, 5032, 736
      assertThat(f.headers()).hasSize(3);
      BufferHeader last = f.headers().get(2);
      assertThat(last.frameNum()).isEqualTo(3);
      assertThat(last.frameBufferCount()).isEqualTo(2);
      assertThat(last.get("pixel_count")).isEqualTo(736);
      assertThat(last.get("buffer_count")).isEqualTo(11);
      assertThat(last.get("linked_list")).isEqualTo(11);
      assertThat(last.timestamp()).isEqualTo(1154);
      assertThat(last.runtime().recvIndex()).isEqualTo(11);
      assertThat(last.runtime().blackPaddingPixels()).isZero();
      assertThat(d.counters().framesDelivered()).isEqualTo(6);
      assertThat(d.counters().buffersReceived()).isEqualTo(18);
    }
  }

  @Test
  void theSameSeedGivesTheSamePixelsOnEveryRun() throws Exception {
    byte[] a;
    byte[] b;
    try (Device d = create(Map.of("pacing", "as-fast-as-possible", "frames", "3", "seed", "9"))) {
      d.open();
      a = readAll(d).get(2).pixels8();
    }
    try (Device d = create(Map.of("pacing", "as-fast-as-possible", "frames", "3", "seed", "9"))) {
      d.open();
      b = readAll(d).get(2).pixels8();
    }
    assertThat(a).isEqualTo(b);
  }

  @Test
  void aSlowReaderLosesFramesToTheOverflowPolicyAndEveryLossIsCounted() throws Exception {
    try (Device d =
        create(
            Map.of(
                "fs",
                "400",
                "frames",
                "80",
                "queue_size",
                "2",
                "overflow",
                "drop-newest",
                "width",
                "32",
                "height",
                "32"))) {
      d.open();
      Thread.sleep(300); // the scope keeps sending while nobody reads
      Drained drained = Drained.of(d, T);
      List<Frame> frames = drained.frames();
      long dropped = d.counters().framesDropped();
      assertThat(dropped).isPositive();
      assertThat(frames.size() + dropped).isEqualTo(80);
      // drop-newest keeps the oldest queued frames; the lost ones are holes in the index
      assertThat(frames.get(0).index()).isZero();
      assertThat(frames.get(1).index()).isEqualTo(1);
      assertThat(frames).extracting(Frame::index).isSorted().doesNotHaveDuplicates();
      assertThat(frames)
          .extracting(f -> f.deviceFrameNumber().getAsLong())
          .isEqualTo(frames.stream().map(Frame::index).toList());
      assertThat(d.counters().framesDelivered()).isEqualTo(frames.size());
      // 32 x 32 pixels are one buffer: one header kept per dropped frame, for the CSV
      List<BufferHeader> lost = drained.lostHeaders();
      assertThat(lost).hasSize((int) dropped);
      assertThat(lost)
          .extracting(BufferHeader::frameNum)
          .doesNotContainAnyElementsOf(frames.stream().map(Frame::index).toList());
      assertThat(drained.framesLost()).isEqualTo(dropped);
    }
  }

  @Test
  void realTimePacingRunsAtTheFrameRate() throws Exception {
    try (Device d = create(Map.of("fs", "50", "frames", "10", "width", "16", "height", "16"))) {
      d.open();
      long t0 = System.nanoTime();
      List<Frame> frames = readAll(d);
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(frames).hasSize(10);
      // nine frame periods of 20 ms at least; generous upper bound for a loaded machine
      assertThat(seconds).isBetween(0.17, 3.0);
    }
  }

  @Test
  void lifecycleErrorsAreClear() throws Exception {
    Device d = create(Map.of("pacing", "as-fast-as-possible"));
    assertThatThrownBy(d::info).hasMessage("simulated device is not open");
    assertThatThrownBy(() -> d.next(T)).hasMessage("simulated device is not open");
    d.open();
    assertThatThrownBy(d::open).hasMessage("simulated device is open");
    d.close();
    d.close();
    assertThat(Drained.nextFrame(d, T)).isEmpty();
  }

  @Test
  void badOptionsFailWhenTheDeviceIsCreated() {
    assertThatThrownBy(() -> create(Map.of("colour", "red")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown option 'colour'; its options are background,");
    assertThatThrownBy(() -> create(Map.of("pacing", "warp")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown pacing 'warp'; expected real-time or as-fast-as-possible");
    assertThatThrownBy(() -> create(Map.of("width", "wide")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "with -O width=wide: key 'width': expected a whole number, got 'wide'");
  }
}
