package org.scopeio.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameIntegrity;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;

class FrameTelemetryTest {
  @TempDir Path dir;

  private static final BufferHeaderFormat HEADERS =
      BufferHeaderFormat.of(
          "test-headers", Map.of("frame_num", 0, "battery_voltage_raw", 1, "input_voltage_raw", 2));

  static Frame frame(int i, int level, long battery) {
    short[] px = new short[6];
    java.util.Arrays.fill(px, (short) level);
    px[5] = (short) (level * 3);
    return Frame.builder(3, 2, PixelType.UINT16)
        .index(i)
        .pixels(px)
        .deviceTimestampMillis(1000 + 50L * i)
        .hostMonotonicNanos(5_000_000_000L + 49_000_000L * i)
        .wallClock(Instant.EPOCH)
        .headers(List.of(HEADERS.decode(new long[] {i, battery, 4000})))
        .integrity(i == 2 ? new FrameIntegrity(1, 100, 0, 0, 0) : FrameIntegrity.COMPLETE)
        .build();
  }

  @Test
  void eachFrameBecomesOneSampleOfEverySignal() {
    DeviceInfo info =
        new DeviceInfo(
            "t", "t", 3, 2, PixelType.UINT16, 20.0, HEADERS, Map.of(), -1, Pace.ON_DEMAND);
    FrameTelemetry t = FrameTelemetry.forStream(info, 1000);
    t.accept(frame(0, 100, 3900), new DeviceCounters(1, 0, 0, 0, 0));
    t.accept(frame(1, 200, 3890), new DeviceCounters(2, 0, 0, 0, 0));
    t.accept(frame(2, 300, 3880), new DeviceCounters(3, 2, 0, 0, 0)); // two frames dropped
    TelemetryBuffer b = t.buffer();
    assertThat(b.sampleRate()).isEqualTo(20.0);
    double[][] s = b.samples(0, 3, FrameTelemetry.SIGNALS);
    assertThat(s[0]).containsExactly(Double.NaN, 50.0, 50.0); // device interval
    assertThat(s[1]).containsExactly(Double.NaN, 49.0, 49.0); // host interval
    assertThat(s[2]).containsExactly(800 / 6.0, 1600 / 6.0, 2400 / 6.0); // mean
    assertThat(s[3]).containsExactly(300.0, 600.0, 900.0); // max
    assertThat(s[4]).containsExactly(0.0, 0.0, 2.0); // dropped
    assertThat(s[5]).containsExactly(0.0, 0.0, 1.0); // missing buffers
    assertThat(s[6]).containsExactly(0.0, 0.0, 100.0); // padded pixels
    assertThat(s[7]).containsExactly(3900.0, 3890.0, 3880.0); // battery
    assertThat(s[8]).containsExactly(4000.0, 4000.0, 4000.0); // input
    assertThat(s[9]).containsExactly(0.0, 0.049, 0.098); // host time
    Statistics interval = b.statistics("interval_device_ms", 0, 3);
    assertThat(interval.count()).isEqualTo(2);
    assertThat(interval.missing()).isEqualTo(1);
    assertThat(t.frames()).isEqualTo(3);
    assertThat(t.incompleteFrames()).isEqualTo(1);
    assertThat(t.paddedPixels()).isEqualTo(100);
  }

  @Test
  void withoutANominalRateTheTelemetryAssumes20FramesPerSecond() {
    DeviceInfo unknown =
        new DeviceInfo(
            "t", "t", 3, 2, PixelType.UINT16, Double.NaN, null, Map.of(), -1, Pace.ON_DEMAND);
    assertThat(unknown.frameRateOr(7.5)).isEqualTo(7.5);
    assertThat(FrameTelemetry.forStream(unknown, 100).buffer().sampleRate()).isEqualTo(20.0);
    DeviceInfo known =
        new DeviceInfo("t", "t", 3, 2, PixelType.UINT16, 30.0, null, Map.of(), -1, Pace.ON_DEMAND);
    assertThat(known.frameRateOr(7.5)).isEqualTo(30.0);
  }

  @Test
  void theCsvHasOneRowPerLevel0EntryAndALastPartialRow() throws Exception {
    TelemetryBuffer b = new TelemetryBuffer(List.of("a", "b"), 100, 10.0, 4, 5);
    Path csv = dir.resolve("t.csv");
    try (TelemetryCsv out = new TelemetryCsv(b, csv)) {
      double[] s = new double[2];
      for (int i = 0; i < 10; i++) {
        s[0] = i;
        s[1] = i < 4 ? Double.NaN : 2 * i;
        b.insert(s);
        out.update();
      }
    }
    assertThat(Files.readAllLines(csv))
        .containsExactly(
            "first_sample,samples,a_mean,a_min,a_max,b_mean,b_min,b_max",
            "0,4,1.50000,0.00000,3.00000,,,",
            "4,4,5.50000,4.00000,7.00000,11.0000,8.00000,14.0000",
            "8,2,8.50000,8.00000,9.00000,17.0000,16.0000,18.0000");
  }
}
