package org.scopeio.stream.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scopeio.api.DeviceException;
import org.scopeio.stream.update.TransmitterPorts.PortInfo;

class UpdateSenderTest {
  /** A port that records bytes, opens and closes, and can fail on a chosen byte. */
  static final class FakePort implements UpdatePort {
    final String path;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<String> events;
    int failAt = -1;
    boolean closed;

    FakePort(String path, List<String> events) {
      this.path = path;
      this.events = events;
      events.add("open " + path);
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public void write(byte b) throws IOException {
      if (bytes.size() == failAt) {
        throw new IOException("cable pulled");
      }
      bytes.write(b);
      events.add(String.format("%s %02X", path, b & 0xFF));
    }

    @Override
    public void close() {
      closed = true;
      events.add("close " + path);
    }
  }

  private final List<String> events = new ArrayList<>();
  private final List<FakePort> ports = new ArrayList<>();

  private UpdateSender sender(int failAt) {
    return new UpdateSender(
        path -> {
          FakePort p = new FakePort(path, events);
          p.failAt = failAt;
          ports.add(p);
          return p;
        },
        Duration.ofMillis(100),
        pause -> events.add("pause " + pause.toMillis()));
  }

  @Test
  void eachPortOpensOnceAndEveryByteButTheLastIsFollowedByThePause() throws Exception {
    List<PlannedUpdate> plan =
        List.of(
            new PlannedUpdate("/dev/a", new DeviceUpdate(1, UpdateKey.LED, 2)),
            new PlannedUpdate("/dev/b", new DeviceUpdate(2, UpdateKey.GAIN, 4)),
            new PlannedUpdate("/dev/a", DeviceUpdate.reboot(1)));
    UpdateSender.Summary s = sender(-1).send(plan);
    assertThat(s.updates()).isEqualTo(3);
    assertThat(s.bytes()).isEqualTo(15);
    assertThat(s.ports()).containsExactly("/dev/a", "/dev/b");
    assertThat(ports).hasSize(2);
    assertThat(HexFormat.of().formatHex(ports.get(0).bytes.toByteArray()))
        .isEqualTo("01c04280ff01f24883ff");
    assertThat(events.stream().filter(e -> e.startsWith("pause")).count()).isEqualTo(14);
    assertThat(events.get(0)).isEqualTo("open /dev/a");
    assertThat(events.subList(1, 3)).containsExactly("/dev/a 01", "pause 100");
    assertThat(events.get(events.size() - 3)).isEqualTo("/dev/a FF");
    assertThat(events.subList(events.size() - 2, events.size()))
        .containsExactlyInAnyOrder("close /dev/a", "close /dev/b");
  }

  @Test
  void aFailedWriteNamesThePortAndUpdateAndClosesEveryPort() {
    List<PlannedUpdate> plan =
        List.of(
            new PlannedUpdate("/dev/a", new DeviceUpdate(1, UpdateKey.LED, 2)),
            new PlannedUpdate("/dev/a", new DeviceUpdate(1, UpdateKey.GAIN, 2)));
    assertThatThrownBy(() -> sender(7).send(plan))
        .isInstanceOf(DeviceException.class)
        .hasMessage("/dev/a: sending device 1: GAIN = 2 failed after 7 bytes: cable pulled");
    assertThat(ports.get(0).closed).isTrue();
  }

  @Test
  void portsComeFromTheBatchTheCommandLineOrTheOneTransmitterFound() {
    PortInfo ftdi = new PortInfo("/dev/ttyUSB0", 0x0403, 0x6001, "FT232R USB UART");
    PortInfo other = new PortInfo("/dev/ttyACM0", 0x2341, 0x0043, "Arduino Uno");
    PortInfo builtin = new PortInfo("/dev/ttyS0", -1, -1, "Physical Port");
    List<PlannedUpdate> plan =
        List.of(
            new PlannedUpdate(null, new DeviceUpdate(1, UpdateKey.LED, 2)),
            new PlannedUpdate("/dev/mine", new DeviceUpdate(2, UpdateKey.LED, 2)));
    assertThat(UpdateSender.resolvePorts(plan, null, () -> List.of(other, ftdi, builtin)))
        .extracting(PlannedUpdate::port)
        .containsExactly("/dev/ttyUSB0", "/dev/mine");
    assertThat(UpdateSender.resolvePorts(plan, "/dev/given", List::of))
        .extracting(PlannedUpdate::port)
        .containsExactly("/dev/given", "/dev/mine");
    assertThatThrownBy(() -> UpdateSender.resolvePorts(plan, null, () -> List.of(other, builtin)))
        .isInstanceOf(DeviceException.class)
        .hasMessage(
            "no IR transmitter (FTDI USB 0403:6001) found; serial ports present:"
                + " [/dev/ttyACM0 (Arduino Uno, USB 2341:0043), /dev/ttyS0 (Physical Port)];"
                + " give the port with --port");
    PortInfo ftdi2 = new PortInfo("/dev/ttyUSB1", 0x0403, 0x6001, "FT232R USB UART");
    assertThatThrownBy(() -> UpdateSender.resolvePorts(plan, null, () -> List.of(ftdi, ftdi2)))
        .hasMessage(
            "several IR transmitters (FTDI USB 0403:6001) found: [/dev/ttyUSB0, /dev/ttyUSB1];"
                + " choose one with --port");
  }
}
