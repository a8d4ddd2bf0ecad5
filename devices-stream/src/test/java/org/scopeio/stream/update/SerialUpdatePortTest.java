package org.scopeio.stream.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scopeio.config.ConfigStore;
import org.scopeio.stream.SocatPair;

/**
 * The update bytes through a real serial driver: jSerialComm writes one end of a socat
 * pseudo-terminal pair, the test reads the other and checks every byte and the port settings.
 */
class SerialUpdatePortTest {
  @Test
  void everyDocumentedSequenceArrivesByteExactAt2400Baud8N2() throws Exception {
    List<PlannedUpdate> plan = new ArrayList<>();
    try (SocatPair pair = SocatPair.start()) {
      String port = pair.first();
      plan.add(new PlannedUpdate(port, new DeviceUpdate(1, UpdateKey.LED, 2)));
      plan.add(new PlannedUpdate(port, DeviceUpdate.reboot(0)));
      ConfigStore configs = new ConfigStore(null, getClass().getClassLoader());
      for (PlannedUpdate u :
          configs.load(UpdateBatch.EXAMPLE_ID, UpdateBatch.TYPE).plan("example")) {
        plan.add(new PlannedUpdate(port, u.update()));
      }
      int expected = plan.size() * 5;
      try (InputStream far = Files.newInputStream(Path.of(pair.second()))) {
        CompletableFuture<byte[]> received =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return far.readNBytes(expected);
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                },
                r -> new Thread(r, "test-io").start());
        String[] settings = new String[1];
        UpdateSender sender =
            new UpdateSender(
                path -> {
                  UpdatePort p = new SerialUpdatePort(path);
                  settings[0] = stty(path); // what the tty driver was set to, while open
                  return p;
                },
                Duration.ofMillis(1),
                pause -> Thread.sleep(pause.toMillis()));
        UpdateSender.Summary s = sender.send(plan);
        byte[] bytes = received.get(20, TimeUnit.SECONDS);
        assertThat(s.bytes()).isEqualTo(expected);
        StringBuilder want = new StringBuilder();
        for (PlannedUpdate u : plan) {
          want.append(u.update().hex().replace(" ", ""));
        }
        assertThat(HexFormat.of().withUpperCase().formatHex(bytes)).isEqualTo(want.toString());
        assertThat(HexFormat.of().withUpperCase().formatHex(bytes, 0, 10))
            .isEqualTo("01C04280FF00F24883FF");
        assertThat(settings[0]).contains("speed 2400 baud");
        for (String flag : List.of("cs8", "cstopb", "-parenb", "-crtscts")) {
          assertThat(settings[0])
              .as("stty flag " + flag)
              .containsPattern("(^|\\s)" + flag + "(\\s|$)");
        }
      }
    }
  }

  private static String stty(String path) {
    try {
      Process p = new ProcessBuilder("stty", "-F", path, "-a").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(10, TimeUnit.SECONDS);
      return out;
    } catch (Exception e) {
      return e.toString();
    }
  }
}
