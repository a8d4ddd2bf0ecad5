package org.scopeio.sdcard;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.scopeio.api.FormatException;
import org.scopeio.api.Frame;
import org.scopeio.api.PixelType;
import org.scopeio.config.ConfigStore;
import org.scopeio.format.SdLayout;
import org.scopeio.simulator.SceneConfig;
import org.scopeio.simulator.SdImageEncoder;
import org.scopeio.simulator.fuzz.Mutations;

/**
 * Coverage-guided fuzzing of the SD card reader with images from the simulator, mutated byte by
 * byte and cut short. Allowed outcomes: frames of the card's size, or a {@link FormatException}
 * naming the image file. Anything else (another exception, an allocation sized by a corrupt field,
 * a hang) is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} the inputs under {@code
 * src/test/resources/.../SdCardFuzzTestInputs} run as regression tests in every build; {@code mvn
 * -P fuzz} fuzzes (see the README).
 */
class SdCardFuzzTest {
  private static final SdLayout LAYOUT = layout();
  private static final byte[] CARD = simulatedCard();
  private static final Path FILE = tempFile();

  private static byte[] simulatedCard() {
    try {
      Path p = Files.createTempFile("scopeio-fuzz-card", ".img");
      SceneConfig scene = new SceneConfig(40, 30, PixelType.UINT8, 20, 3, 12, 60, 2, 1, 1.0);
      new SdImageEncoder(LAYOUT, scene, 5, 512, Set.of(SdImageEncoder.Fault.DROPPED_BUFFERS))
          .write(p, (i, px) -> {});
      byte[] bytes = Files.readAllBytes(p);
      Files.delete(p);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SdLayout layout() {
    return new ConfigStore(null, SdCardFuzzTest.class.getClassLoader())
        .load("wirefree-sd-layout", SdLayout.TYPE);
  }

  private static Path tempFile() {
    try {
      Path p = Files.createTempFile("scopeio-fuzz", ".img");
      p.toFile().deleteOnExit();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  @Timeout(10)
  void mutatedCardsReadOrFailWithTheFileAndOffset(FuzzedDataProvider data) throws IOException {
    byte[] card = Mutations.mutate(CARD, data, 24);
    Files.write(FILE, card);

    try (SdCard sd = SdCard.open(FILE, LAYOUT, "wirefree-sd-layout")) {
      for (long k = 0; k < sd.frameCount(); k++) {
        Frame f = sd.readFrame(k);
        assertThat(f.width()).isEqualTo(sd.width());
        assertThat(f.height()).isEqualTo(sd.height());
        assertThat(f.index()).isEqualTo(k);
        assertThat(f.integrity().paddedPixels()).isBetween(0L, (long) sd.width() * sd.height());
      }
    } catch (FormatException e) {
      assertThat(e.source()).contains(FILE.toString());
    }
  }
}
