package org.scopeio.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.PixelType;
import org.scopeio.config.ConfigStore;
import org.scopeio.config.ConfigTypes;
import org.scopeio.core.Recording;
import org.scopeio.format.SdLayout;
import org.scopeio.format.StreamDevConfig;
import org.scopeio.simulator.SceneConfig;
import org.scopeio.simulator.SdImageEncoder;
import org.scopeio.simulator.StreamEncoder;
import org.scopeio.writers.RealReaders;

/** Each example program run as a test, checking what it wrote. */
class ExamplesTest {
  @TempDir Path dir;

  private static final ConfigStore CONFIGS =
      new ConfigStore(null, ExamplesTest.class.getClassLoader());

  @Test
  void embedTracesBrightnessThroughFlowAndWritesOmeTiff() throws Exception {
    List<Double> trace =
        EmbedExample.run(
            dir.resolve("embed"),
            "simulated",
            Map.of("frames", "30", "width", "64", "height", "48"));
    assertThat(trace).hasSize(30).allSatisfy(m -> assertThat(m).isBetween(1.0, 254.0));
    JsonNode tiff = RealReaders.tifffile(dir.resolve("embed.ome.tif"), dir.resolve("embed.xml"));
    assertThat(tiff.get("shape")).hasToString("[30,48,64]");
    JsonNode meta = new ObjectMapper().readTree(dir.resolve("embed_frame_metadata.json").toFile());
    assertThat(meta.get("complete").asBoolean()).isTrue();
    assertThat(meta.get("frame_count").asInt()).isEqualTo(30);
  }

  @Test
  void guiceComposesTheSameAcquisitionFromAModule() throws Exception {
    GuiceExample.Acquisition a =
        Guice.createInjector(new GuiceExample.ScopeModule(dir.resolve("configs")))
            .getInstance(GuiceExample.Acquisition.class);
    Recording.Summary s = a.record(dir.resolve("guice"), 12);
    assertThat(s.framesWritten()).isEqualTo(12);
    assertThat(s.files())
        .containsExactly(
            dir.resolve("guice.ome.tif"),
            dir.resolve("guice_frame_metadata.json"),
            dir.resolve("guice.csv"));
    JsonNode tiff = RealReaders.tifffile(dir.resolve("guice.ome.tif"), dir.resolve("guice.xml"));
    assertThat(tiff.get("shape")).hasToString("[12,200,200]");
  }

  @Test
  void guiceExampleRunsInItsOwnJvmWithNothingButItsResultOnStandardError() throws Exception {
    // its own JVM, as a user runs it: on JDK 24 and later Guice's generated classes made the JVM
    // warn about sun.misc.Unsafe before the first line (once per JVM, so not seen in this one)
    Path stem = dir.resolve("own/guice");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                GuiceExample.class.getName(),
                stem.toString())
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile())
            .start();
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("finished").isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("stdout"))).isEmpty();
    // slf4j-simple logs to standard error
    assertThat(Files.readAllLines(dir.resolve("stderr")))
        .containsExactly(
            "[main] INFO org.scopeio.examples.GuiceExample - 100 frames written to ["
                + stem
                + ".ome.tif, "
                + stem
                + "_frame_metadata.json, "
                + stem
                + ".csv]");
    JsonNode tiff = RealReaders.tifffile(Path.of(stem + ".ome.tif"), dir.resolve("own.xml"));
    assertThat(tiff.get("shape")).hasToString("[100,200,200]");
  }

  @Test
  void sdcardToOmeTiffConvertsEveryFramePixelExact() throws Exception {
    Path card = dir.resolve("card.img");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    new SdImageEncoder(
            CONFIGS.load("wirefree-sd-layout", SdLayout.TYPE),
            new SceneConfig(64, 48, PixelType.UINT8, 20, 3, 12, 60, 2, 1, 1.0),
            5,
            512,
            Set.of())
        .write(card, (i, px) -> expected.writeBytes(px));
    Recording.Summary s = SdcardToOmeTiff.convert(card, dir.resolve("card"), "wirefree-sd-layout");
    assertThat(s.framesWritten()).isEqualTo(5);
    JsonNode tiff = RealReaders.tifffile(dir.resolve("card.ome.tif"), dir.resolve("card.xml"));
    assertThat(tiff.get("shape")).hasToString("[5,48,64]");
    assertThat(tiff.get("sha256").asText())
        .isEqualTo(HexFormat.of().formatHex(RealReaders.sha256().digest(expected.toByteArray())));
  }

  @Test
  void streamReplayDecodesACaptureIntoTheFramesThatWereSent() throws Exception {
    StreamDevConfig config = CONFIGS.load("wireless-200px", StreamDevConfig.TYPE);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<byte[]> frames = new ArrayList<>();
    new StreamEncoder(
            config,
            CONFIGS.load("stream-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT),
            5,
            6,
            Set.of(StreamEncoder.Fault.MISALIGNED))
        .write(bytes, (i, px) -> frames.add(px));
    Path capture = dir.resolve("capture.bin");
    Files.write(capture, bytes.toByteArray());
    Recording.Summary s = StreamReplay.replay(capture, dir.resolve("replay"), "wireless-200px");
    assertThat(s.framesWritten()).isEqualTo(6);
    ByteArrayOutputStream want = new ByteArrayOutputStream();
    frames.forEach(want::writeBytes);
    assertThat(Files.readAllBytes(dir.resolve("replay.raw"))).isEqualTo(want.toByteArray());
    assertThat(Files.readAllLines(dir.resolve("replay.csv"))).hasSize(1 + 6 * 8);
  }
}
