package org.scopeio.sdcard;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.scopeio.api.FormatException;
import org.scopeio.api.Frame;
import org.scopeio.api.PixelType;
import org.scopeio.config.ConfigStore;
import org.scopeio.format.SdLayout;
import org.scopeio.simulator.SceneConfig;
import org.scopeio.simulator.SdImageEncoder;

/**
 * Coverage-guided fuzzing of the SD card scanner and frame reader on raw bytes: the fuzzer's bytes
 * are the card. The layout is the standard one moved to sectors 0, 1 and 2 (header, config, data),
 * so a card of a few frames is a few kilobytes and each input costs only its scan and reads.
 * Allowed outcomes: frames of the card's size, or a {@link FormatException} naming the image.
 *
 * <p>The inputs under {@code src/test/resources/.../SdCardBytesFuzzTestInputs} (seeds from the
 * simulator, one per fault; {@code -Dscopeio.writeSeeds} writes them again) run in every build;
 * {@code mvn -P fuzz} fuzzes (see the README).
 */
class SdCardBytesFuzzTest {
  static final SdLayout SMALL = smallSectors();
  private static final Path FILE = tempFile();

  static SdLayout smallSectors() {
    SdLayout l =
        new ConfigStore(null, SdCardBytesFuzzTest.class.getClassLoader())
            .load("wirefree-sd-layout", SdLayout.TYPE);
    return new SdLayout(
        new SdLayout.Sectors(0L, 1L, 2L, 512),
        l.writeKey0(),
        l.writeKey1(),
        l.writeKey2(),
        l.writeKey3(),
        l.header(),
        l.config(),
        l.buffer());
  }

  private static Path tempFile() {
    try {
      // memory-backed where the system has it: the fuzzer writes a file per input
      Path shm = Path.of("/dev/shm");
      Path p =
          Files.isDirectory(shm) && Files.isWritable(shm)
              ? Files.createTempFile(shm, "scopeio-fuzz", ".img")
              : Files.createTempFile("scopeio-fuzz", ".img");
      p.toFile().deleteOnExit();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  @Timeout(10)
  void rawCardsReadOrFailWithTheFileAndOffset(byte[] card) throws IOException {
    Files.write(FILE, card);
    try (SdCard sd = SdCard.open(FILE, SMALL, "fuzz-sd-layout")) {
      long pixels = (long) sd.width() * sd.height();
      for (long k = 0; k < sd.frameCount(); k++) {
        Frame f = sd.readFrame(k);
        // plain checks: the fuzzer runs this loop millions of times
        if (f.width() != sd.width() || f.height() != sd.height() || f.index() != k) {
          throw new AssertionError("frame " + k + " has the wrong size or index: " + f);
        }
        if (f.integrity().paddedPixels() < 0 || f.integrity().paddedPixels() > pixels) {
          throw new AssertionError("frame " + k + " padded pixels out of range: " + f);
        }
      }
    } catch (FormatException e) {
      if (!e.source().map(s -> s.contains(FILE.toString())).orElse(false)) {
        throw new AssertionError("the message does not name the image: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Writes the seed inputs: a simulated card of 8 frames of two buffers, clean and per fault, each
   * at most 12 KiB.
   */
  @Test
  @EnabledIfSystemProperty(named = "scopeio.writeSeeds", matches = ".+")
  void writeSeeds() throws IOException {
    Path dir =
        Path.of(
            "src/test/resources/org/scopeio/sdcard/SdCardBytesFuzzTestInputs",
            "rawCardsReadOrFailWithTheFileAndOffset");
    Files.createDirectories(dir);
    seed(dir.resolve("seed-clean"), Set.of());
    for (SdImageEncoder.Fault fault : SdImageEncoder.Fault.values()) {
      seed(dir.resolve("seed-" + fault.name().toLowerCase(Locale.ROOT)), Set.of(fault));
    }
  }

  private static void seed(Path file, Set<SdImageEncoder.Fault> faults) throws IOException {
    SceneConfig scene = new SceneConfig(30, 20, PixelType.UINT8, 20, 3, 6, 60, 2, 1, 1.0);
    new SdImageEncoder(SMALL, scene, 8, 512, faults).write(file, (i, px) -> {});
    // a stale recording or zeroed tail needs only its first sectors to show; short seeds fuzz fast
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, Math.min(bytes.length, 12 * 1024)));
  }
}
