package org.scopeio.raw;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;
import org.scopeio.api.FormatException;
import org.scopeio.api.WriterOptions;
import org.scopeio.simulator.fuzz.Mutations;
import org.scopeio.writers.RawWriter;
import org.scopeio.writers.TestFrames;

/**
 * Coverage-guided fuzzing of {@link RawVideoReader#open(Path)}: a recording of our raw writer whose
 * JSON sidecar is mutated and whose data is cut or extended. Allowed outcomes: samples of the shape
 * the sidecar declares (a trailing partial frame reported), or a {@link FormatException} naming the
 * raw file or its sidecar. Any other exception, or an allocation sized by a corrupt field, is a
 * finding.
 *
 * <p>The inputs under {@code src/test/resources/.../RawVideoReaderFuzzTestInputs} run in every
 * build; {@code mvn -P fuzz} fuzzes (see the README).
 */
class RawVideoReaderFuzzTest {
  private static final Path DIR = recording();
  private static final byte[] DATA = read(DIR.resolve("run.raw"));
  private static final byte[] SIDECAR = read(DIR.resolve("run.raw.json"));
  private static final Path RAW = DIR.resolve("fuzz.raw");
  private static final Path JSON = DIR.resolve("fuzz.raw.json");

  private static Path recording() {
    try {
      Path dir = Files.createTempDirectory("scopeio-fuzz-raw");
      TestFrames t = new TestFrames(12, 8, "uint16", 4);
      RawWriter writer = new RawWriter();
      writer.open(dir.resolve("run"), t.info, WriterOptions.defaults());
      t.frames.forEach(writer::write);
      writer.close();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  @Timeout(10)
  void mutatedSidecarsAndSizesReadOrFailNamingTheFile(FuzzedDataProvider data) throws IOException {
    int extra = data.consumeInt(-DATA.length, 64);
    Files.write(RAW, Arrays.copyOf(DATA, DATA.length + extra));
    Files.write(JSON, Mutations.mutate(SIDECAR, data, 12));

    try (RawVideoReader r = RawVideoReader.open(RAW)) {
      long n = r.numSamples();
      long frameBytes = r.frameBytes();
      assertThat(n * frameBytes + r.partialFrameBytes() + r.offset()).isEqualTo(Files.size(RAW));
      VideoSamples all = r.series(0, Math.min(n, 4));
      assertThat(all.shape()[0]).isEqualTo(Math.min(n, 4));
      double[] ts = r.nativeTimestamps();
      if (ts != null) {
        assertThat(ts.length).isPositive();
      }
    } catch (FormatException e) {
      assertThat(e.source())
          .hasValueSatisfying(s -> assertThat(s).isIn(RAW.toString(), JSON.toString()));
    }
  }
}
