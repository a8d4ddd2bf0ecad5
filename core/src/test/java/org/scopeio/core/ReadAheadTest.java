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
import org.scopeio.api.FormatException;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.Gap;
import org.scopeio.api.WriterOptions;

class ReadAheadTest {

  @Test
  void framesAndGapsArriveInOrderAndTheDeviceStaysOpen() throws Exception {
    ScriptedDevice device = new ScriptedDevice(50, Map.of(10L, 2L, 30L, 5L));
    device.open();
    ReadAhead ahead = ReadAhead.start(device);
    List<String> seen = new ArrayList<>();
    for (Optional<FrameOrGap> i = ahead.next(Duration.ofSeconds(5));
        i.isPresent();
        i = ahead.next(Duration.ofSeconds(5))) {
      seen.add(i.get() instanceof Frame f ? "f" + f.index() : "g" + ((Gap) i.get()).frames());
    }
    ahead.close();
    assertThat(seen).hasSize(52);
    assertThat(seen.subList(9, 13)).containsExactly("f9", "g2", "f10", "f11");
    assertThat(seen.subList(30, 33)).containsExactly("f29", "g5", "f30");
    assertThat(seen.get(51)).isEqualTo("f49");
    assertThat(device.isClosed()).as("the owner closes the device").isFalse();
  }

  @Test
  void theDevicesOwnFailureArrivesAfterTheFramesBeforeIt() throws Exception {
    // a card whose data end in a corrupt header after three frames
    FormatException corrupt = new FormatException("card.img", 4096, "corrupt header");
    ScriptedDevice device = new ScriptedDevice(3, Map.of()).thenFails(corrupt);
    device.open();
    RecordingTest.LogWriter w = new RecordingTest.LogWriter();
    assertThatThrownBy(
            () ->
                new Recording(device, w, Recording.Limits.none(), Duration.ofSeconds(1))
                    .run(Path.of("out"), WriterOptions.defaults()))
        .isSameAs(corrupt);
    assertThat(w.calls).containsExactly("open out 2x1", "write 0", "write 1", "write 2", "close");
  }
}
