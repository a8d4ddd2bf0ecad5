package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.stream.SocatPair;
import org.scopeio.writers.RealReaders;

/**
 * The far end of a serial link goes away mid-stream (socat is killed): the capture ends with a
 * message naming the port, the writers close cleanly, and every frame received before is on disk.
 */
class SerialDisconnectTest {
  @TempDir Path dir;
  private CliTest cli;

  @BeforeEach
  void setUp() {
    cli = CliTest.in(dir);
  }

  @Test
  void aDisconnectEndsTheCaptureWithEveryFrameBeforeItOnDisk() throws Exception {
    Path capture = dir.resolve("cap.bin");
    assertThat(cli.run("simulate", "stream", capture.toString(), "--frames", "40").code()).isZero();
    byte[] bytes = Files.readAllBytes(capture);
    SocatPair pair = SocatPair.start();
    CompletableFuture<CliTest.Result> run =
        CompletableFuture.supplyAsync(
            () ->
                cli.run(
                    "stream",
                    "capture",
                    "--source",
                    "serial:" + pair.second() + "@115200",
                    "--out",
                    dir.resolve("link").toString(),
                    "--format",
                    "ome-tiff,csv",
                    "-W",
                    "sync=none"),
            r -> new Thread(r, "test-io").start());
    Thread.sleep(1500); // the capture opens and flushes the port
    // the scope sends about 20 frames; the write runs on its own thread, since a pty write
    // blocks when nobody reads (if the capture failed, pulling the cable below unblocks it)
    CompletableFuture<Void> scope =
        CompletableFuture.runAsync(
            () -> {
              try (OutputStream out = Files.newOutputStream(Path.of(pair.first()))) {
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
              } catch (java.io.IOException ignored) {
                // the pty went away with socat
              }
            },
            r -> new Thread(r, "test-io").start());
    try {
      scope.get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // still blocked: the reader is gone; the assertions below say why
    }
    Thread.sleep(1000);
    pair.close(); // the cable is pulled
    CliTest.Result r = run.get(60, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).contains(pair.second());
    JsonNode meta = new ObjectMapper().readTree(dir.resolve("link_frame_metadata.json").toFile());
    assertThat(meta.get("complete").asBoolean()).isTrue();
    long frames = meta.get("frame_count").asLong();
    assertThat(frames).isBetween(15L, 20L);
    JsonNode tiff = RealReaders.tifffile(dir.resolve("link.ome.tif"), dir.resolve("link.xml"));
    assertThat(tiff.get("is_ome").asBoolean()).isTrue();
    assertThat(tiff.get("shape").get(0).asLong()).isEqualTo(frames);
  }
}
