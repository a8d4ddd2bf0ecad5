package org.scopeio.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.telemetry.FrameTelemetry;

class StatusLineTest {
  @Test
  void showsProgressRatesDropsBatteryAndBrightnessOverTheLastSecond() {
    BufferHeaderFormat headers =
        BufferHeaderFormat.of("h", Map.of("frame_num", 0, "battery_voltage_raw", 1));
    DeviceInfo info =
        new DeviceInfo(
            "t", "t", 2, 2, PixelType.UINT8, 20.0, headers, Map.of(), -1, Pace.ON_DEMAND);
    FrameTelemetry t = FrameTelemetry.forStream(info, 1000);
    for (int i = 0; i < 40; i++) {
      t.accept(
          Frame.builder(2, 2, PixelType.UINT8)
              .index(i)
              .pixels(new byte[] {10, 20, 30, 40})
              .deviceTimestampMillis(50L * i)
              .hostMonotonicNanos(40_000_000L * i)
              .wallClock(Instant.EPOCH)
              .headers(List.of(headers.decode(new long[] {i, 3900})))
              .build(),
          new DeviceCounters(i + 1, i >= 30 ? 3 : 0, 0, 0, 0));
    }
    StatusLine line = new StatusLine(new PrintWriter(new StringWriter()), 100, t.buffer());
    assertThat(line.describe(40, 2.0, new DeviceCounters(40, 3, 0, 0, 0)))
        .isEqualTo(
            "[########            ] 40/100 (40%) frames  2.0 s  25.0 fps (device 20.0)  dropped 3"
                + "  battery 3900  mean 25.0");
  }
}
