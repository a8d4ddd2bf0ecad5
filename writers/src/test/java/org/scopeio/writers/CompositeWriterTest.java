package org.scopeio.writers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.Frame;
import org.scopeio.api.ScopeioException;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;
import org.scopeio.api.WriterRegistry;

class CompositeWriterTest {
  @TempDir Path dir;

  @Test
  void fansOutToEveryFormat() throws Exception {
    TestFrames t = new TestFrames(20, 10, "uint8", 3);
    CompositeWriter w =
        CompositeWriter.forFormats(
            WriterRegistry.load(getClass().getClassLoader()), List.of("raw", "csv"));
    w.open(dir.resolve("both"), t.info, WriterOptions.defaults());
    for (Frame f : t.frames) {
      w.write(f);
    }
    w.close();
    assertThat(w.files())
        .containsExactly(
            dir.resolve("both.raw"), dir.resolve("both.raw.json"), dir.resolve("both.csv"));
    assertThat(Files.size(dir.resolve("both.raw"))).isEqualTo(600);
    assertThat(Files.readAllLines(dir.resolve("both.csv"))).hasSize(4);
  }

  @Test
  void refusesBeforeCreatingAnyFileWhenOneExists() throws Exception {
    TestFrames t = new TestFrames(4, 4, "uint8", 1);
    Files.writeString(dir.resolve("x.csv"), "old");
    CompositeWriter w =
        CompositeWriter.forFormats(
            WriterRegistry.load(getClass().getClassLoader()), List.of("raw", "csv"));
    assertThatThrownBy(() -> w.open(dir.resolve("x"), t.info, WriterOptions.defaults()))
        .isInstanceOf(WriteException.class)
        .hasMessageContaining("x.csv: exists");
    assertThat(dir.resolve("x.raw")).doesNotExist();
    assertThat(dir.resolve("x.raw.json")).doesNotExist();
  }

  @Test
  void unknownAndRepeatedFormatsAreUsageErrors() {
    WriterRegistry r = WriterRegistry.load(getClass().getClassLoader());
    assertThatThrownBy(() -> CompositeWriter.forFormats(r, List.of("raw", "webm")))
        .isInstanceOf(ScopeioException.class)
        .hasMessage("unknown writer format 'webm'; known: [avi, csv, ffv1, mp4, ome-tiff, raw]");
    assertThatThrownBy(() -> CompositeWriter.forFormats(r, List.of("raw", "raw")))
        .hasMessage("format 'raw' is listed twice");
  }
}
