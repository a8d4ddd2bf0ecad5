package org.scopeio.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scopeio.api.Frame;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.simulator.StreamEncoder;
import org.scopeio.testkit.Drained;

/**
 * End to end over a real serial driver: socat makes a pseudo-terminal pair, the simulator writes
 * stream bytes into one end, jSerialComm reads the other and the decoder must give the same frames.
 * CI installs socat; without it (on a developer machine) the test is skipped with a message.
 */
class SerialPseudoTerminalTest {
  @Test
  void framesSentThroughAPseudoTerminalDecodeExactly() throws Exception {
    try (SocatPair pair = SocatPair.start()) {
      List<String> ptys = List.of(pair.first(), pair.second());

      var config = StreamDeviceTest.W200.withFrame(64, 48);
      ByteArrayOutputStream encoded = new ByteArrayOutputStream();
      List<byte[]> expected = new ArrayList<>();
      // a serial stream never ends: a frame is complete once the next frame's buffer has been
      // cut by the preamble after it, so 8 frames are sent and the first 6 compared
      new StreamEncoder(
              config, StreamDeviceTest.FORMAT, 3, 8, Set.of(StreamEncoder.Fault.MISALIGNED))
          .write(encoded, (i, p) -> expected.add(p));
      byte[] bytes = encoded.toByteArray();

      String readEnd = ptys.get(1);
      java.util.concurrent.atomic.AtomicLong received =
          new java.util.concurrent.atomic.AtomicLong();
      try (StreamDevice device =
          new StreamDevice(
              config,
              "test",
              StreamDeviceTest.FORMAT,
              c -> {
                SerialByteSource serial = new SerialByteSource(readEnd, 115200);
                return new ByteSource() {
                  @Override
                  public String describe() {
                    return serial.describe();
                  }

                  @Override
                  public int read(byte[] buffer) throws java.io.IOException {
                    int n = serial.read(buffer);
                    if (n > 0) {
                      received.addAndGet(n);
                    }
                    return n;
                  }

                  @Override
                  public void close() {
                    serial.close();
                  }
                };
              },
              new StreamDevice.Options(true, 16, OverflowPolicy.BLOCK, null, java.util.Set.of()))) {
        device.open();
        // the reader is open and flushed: now the scope starts sending; its end stays open
        // until the frames are read, as socat ends the link when one side closes
        List<Frame> frames = new ArrayList<>();
        try (OutputStream scope = Files.newOutputStream(Path.of(ptys.get(0)))) {
          for (int i = 0; i < bytes.length; i += 1000) {
            scope.write(bytes, i, Math.min(1000, bytes.length - i));
            scope.flush();
          }
          while (frames.size() < 6) {
            Optional<Frame> f;
            try {
              f = Drained.nextFrame(device, Duration.ofSeconds(10));
            } catch (org.scopeio.api.DeviceTimeoutException e) {
              throw new AssertionError(
                  "after "
                      + frames.size()
                      + " frames and "
                      + received.get()
                      + " of "
                      + bytes.length
                      + " bytes: "
                      + device.stats().describe(),
                  e);
            }
            f.ifPresent(frames::add);
            if (f.isEmpty()) {
              break;
            }
          }
        }
        assertThat(frames)
            .extracting(Frame::pixels8)
            .containsExactlyElementsOf(expected.subList(0, 6));
        assertThat(device.counters().framesDropped()).isZero();
      }
    }
  }
}
