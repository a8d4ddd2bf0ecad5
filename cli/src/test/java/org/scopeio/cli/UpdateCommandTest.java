package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.stream.SocatPair;

class UpdateCommandTest {
  @TempDir Path dir;
  private CliTest cli;

  @BeforeEach
  void setUp() {
    cli = CliTest.in(dir);
  }

  @Test
  void dryRunPrintsTheExactBytesOfTheBatchWithoutAPort() {
    CliTest.Result r = cli.run("update", "--batch", "device-command-example", "--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            String.join(
                "\n",
                "Dry run: nothing is sent.",
                "PORT                UPDATE                   BYTES",
                "(FTDI auto-detect)  device 5: LED = 5        05 C0 45 80 FF",
                "(FTDI auto-detect)  device 5: GAIN = 4       05 C1 44 80 FF",
                "(FTDI auto-detect)  device 5: ROI_X = 20     05 C2 54 80 FF",
                "(FTDI auto-detect)  device 5: ROI_Y = 30     05 C3 5E 80 FF",
                "(FTDI auto-detect)  device 5: SUBSAMPLE = 0  05 C4 40 80 FF",
                "(FTDI auto-detect)  device 2: LED = 10       02 C0 4A 80 FF",
                "(FTDI auto-detect)  device 2: GAIN = 1       02 C1 41 80 FF",
                "(FTDI auto-detect)  device 2: ROI_X = 60     02 C2 7C 80 FF",
                "(FTDI auto-detect)  device 2: ROI_Y = 60     02 C3 7C 80 FF",
                "(FTDI auto-detect)  device 2: SUBSAMPLE = 0  02 C4 40 80 FF",
                ""));
    CliTest.Result reboot =
        cli.run("update", "--port", "/dev/ttyUSB9", "--device-id", "0", "--reboot", "--dry-run");
    assertThat(reboot.out()).contains("/dev/ttyUSB9  device 0 (all): REBOOT  00 F2 48 83 FF");
  }

  @Test
  void badValuesAndCombinationsAreRefusedBeforeAnyPortIsOpened() {
    CliTest.Result led =
        cli.run("update", "--port", "/dev/none", "-i", "1", "-k", "LED", "-v", "150");
    assertThat(led.code()).isEqualTo(1);
    assertThat(led.err()).isEqualTo("scopeio: for LED, value must be between 0 and 100, got 150\n");
    CliTest.Result id = cli.run("update", "-i", "70", "-k", "GAIN", "-v", "2", "--dry-run");
    assertThat(id.err()).isEqualTo("scopeio: device id must be 0 (all devices) to 63, got 70\n");
    CliTest.Result half = cli.run("update", "-i", "1", "-k", "LED");
    assertThat(half.code()).isEqualTo(2);
    assertThat(half.err()).contains("--key and --value are given together");
    CliTest.Result both = cli.run("update", "--batch", "device-command-example", "--reboot");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("--batch cannot be combined with");
    CliTest.Result none = cli.run("update");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("give --device-id (0 = all devices)");
  }

  @Test
  void aBatchIsSentThroughARealSerialPortOpenedOnce() throws Exception {
    try (SocatPair pair = SocatPair.start();
        InputStream far = Files.newInputStream(Path.of(pair.second()))) {
      CompletableFuture<byte[]> received =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return far.readNBytes(50);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              },
              r -> new Thread(r, "test-io").start());
      CliTest.Result r =
          cli.run(
              "update",
              "--port",
              pair.first(),
              "--batch",
              "device-command-example",
              "--pause",
              "2ms");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("Sent 10 updates (50 bytes) through " + pair.first() + " in ");
      assertThat(HexFormat.of().withUpperCase().formatHex(received.get(20, TimeUnit.SECONDS)))
          .isEqualTo(
              "05C04580FF05C14480FF05C25480FF05C35E80FF05C44080FF"
                  + "02C04A80FF02C14180FF02C27C80FF02C37C80FF02C44080FF");
    }
  }
}
