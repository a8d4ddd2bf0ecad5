package org.scopeio.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.cli.Main;
import org.scopeio.cli.ScopeioModule;

/**
 * The launcher's training run: a command that fails there would leave its classes out of the
 * start-up archive (or, if the run exits 1, leave no archive at all), silently.
 */
class StartupTrainingTest {
  @Test
  void everyTrainingCommandSucceedsAndWritesItsOutputs(@TempDir Path dir) throws Exception {
    Path scratch = dir.resolve("scratch with space");
    Files.createDirectories(scratch);
    for (String command : StartupTraining.COMMANDS) {
      StringWriter err = new StringWriter();
      int code =
          Main.run(
              StartupTraining.argv(command, scratch),
              new ScopeioModule(),
              new PrintWriter(new StringWriter(), true),
              new PrintWriter(err, true));
      assertThat(code).as("scopeio %s: %s", command, err).isZero();
    }
    for (String file :
        new String[] {
          "card.img",
          "card.raw",
          "card.ome.tif",
          "card.avi",
          "card.csv",
          "card-none.raw",
          "stream.bin",
          "stream.raw",
          "stream.ome.tif",
          "record.raw",
          "record.csv"
        }) {
      assertThat(scratch.resolve(file)).as(file).isNotEmptyFile();
    }
  }
}
