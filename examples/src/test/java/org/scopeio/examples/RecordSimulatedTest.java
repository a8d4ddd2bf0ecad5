package org.scopeio.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.core.Recording;

class RecordSimulatedTest {
  @TempDir Path dir;

  @Test
  void recordsOneHundredFramesToRawAndCsv() throws Exception {
    Recording.Summary s = RecordSimulated.record(dir.resolve("ex"), 100);
    assertThat(s.framesWritten()).isEqualTo(100);
    assertThat(s.endReason()).isEqualTo(Recording.EndReason.FRAME_LIMIT);
    assertThat(Files.size(dir.resolve("ex.raw"))).isEqualTo(100L * 200 * 200);
    assertThat(Files.readAllLines(dir.resolve("ex.csv"))).hasSize(1 + 100 * 8);
  }
}
