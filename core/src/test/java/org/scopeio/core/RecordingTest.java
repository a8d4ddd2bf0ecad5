package org.scopeio.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.DeviceTimeoutException;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.Gap;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriterOptions;

class RecordingTest {

  /** Records what a writer is asked to do, as a string per call. */
  static class LogWriter implements FrameWriter {
    final List<String> calls = new ArrayList<>();

    @Override
    public void open(Path stem, DeviceInfo info, WriterOptions options) {
      calls.add("open " + stem + " " + info.width() + "x" + info.height());
    }

    @Override
    public void write(Frame frame) {
      calls.add("write " + frame.index());
    }

    @Override
    public void gap(Gap gap) {
      calls.add("dropped " + gap.headers().size() + " headers");
      calls.add("gap " + gap.frames());
    }

    @Override
    public List<Path> files() {
      return List.of(Path.of("x.log"));
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }

  @Test
  void framesDroppedByTheDeviceBecomeGapsBeforeTheNextFrame() throws Exception {
    ScriptedDevice device = new ScriptedDevice(5, Map.of(2L, 3L));
    LogWriter w = new LogWriter();
    Recording.Summary s =
        new Recording(device, w, Recording.Limits.none(), Duration.ofSeconds(1))
            .run(Path.of("out"), WriterOptions.defaults());
    assertThat(w.calls)
        .containsExactly(
            "open out 2x1",
            "write 0",
            "write 1",
            "dropped 0 headers",
            "gap 3",
            "write 2",
            "write 3",
            "write 4",
            "close");
    assertThat(s.framesWritten()).isEqualTo(5);
    assertThat(s.framesLost()).isEqualTo(3);
    assertThat(s.endReason()).isEqualTo(Recording.EndReason.END_OF_DATA);
    assertThat(s.files()).containsExactly(Path.of("x.log"));
  }

  @Test
  void framesTheDeviceDropsWhileTheWritersCloseAreNotThisRecordingsLosses() throws Exception {
    ScriptedDevice device = new ScriptedDevice(5, Map.of());
    LogWriter w =
        new LogWriter() {
          @Override
          public void close() {
            super.close();
            device.drop(7); // the device runs on while a large OME-XML is written
          }
        };
    Recording.Summary s =
        new Recording(device, w, Recording.Limits.frames(3), Duration.ofSeconds(1))
            .run(Path.of("out"), WriterOptions.defaults());
    assertThat(s.framesLost()).isZero();
    assertThat(s.counters().framesDropped()).isZero();
    assertThat(device.counters().framesDropped()).isEqualTo(7);
  }

  @Test
  void frameLimitStopsEarly() throws Exception {
    ScriptedDevice device = new ScriptedDevice(5, Map.of());
    LogWriter w = new LogWriter();
    Recording.Summary s =
        new Recording(device, w, Recording.Limits.frames(2), Duration.ofSeconds(1))
            .run(Path.of("out"), WriterOptions.defaults());
    assertThat(s.framesWritten()).isEqualTo(2);
    assertThat(s.endReason()).isEqualTo(Recording.EndReason.FRAME_LIMIT);
    assertThat(w.calls).endsWith("write 1", "close");
  }

  @Test
  void aStopRequestEndsTheRecordingCleanly() throws Exception {
    ScriptedDevice device = new ScriptedDevice(5, Map.of());
    LogWriter w = new LogWriter();
    Recording.Summary s =
        new Recording(device, w, Recording.Limits.none(), Duration.ofSeconds(1))
            .stopWhen(() -> w.calls.size() >= 3)
            .run(Path.of("out"), WriterOptions.defaults());
    assertThat(s.endReason()).isEqualTo(Recording.EndReason.STOPPED);
    assertThat(s.framesWritten()).isEqualTo(2);
    assertThat(w.calls).last().isEqualTo("close");
  }

  @Test
  void aSilentDeviceTimesOutAndTheWriterIsStillClosed() {
    Device silent =
        new Device() {
          @Override
          public String type() {
            return "silent";
          }

          @Override
          public DeviceInfo open() {
            return info();
          }

          @Override
          public DeviceInfo info() {
            return new DeviceInfo(
                "silent",
                "never sends",
                1,
                1,
                PixelType.UINT8,
                Double.NaN,
                null,
                Map.of(),
                -1,
                Pace.LIVE);
          }

          @Override
          public Optional<FrameOrGap> next(Duration timeout) throws InterruptedException {
            Thread.sleep(timeout.toMillis());
            throw new DeviceTimeoutException("silent", timeout);
          }

          @Override
          public DeviceCounters counters() {
            return DeviceCounters.NONE;
          }

          @Override
          public void close() {}
        };
    LogWriter w = new LogWriter();
    assertThatThrownBy(
            () ->
                new Recording(silent, w, Recording.Limits.none(), Duration.ofMillis(300))
                    .run(Path.of("out"), WriterOptions.defaults()))
        .isInstanceOf(DeviceTimeoutException.class)
        .hasMessage("device 'silent' delivered no frame within 300 ms");
    assertThat(w.calls).containsExactly("open out 1x1", "close");
  }
}
