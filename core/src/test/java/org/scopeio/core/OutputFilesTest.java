package org.scopeio.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.WriteException;

/** The one check that keeps a command from writing over what it reads. */
class OutputFilesTest {
  @TempDir Path dir;

  @Test
  void anInputIsNeverAnOutputUnderAnyNameEvenWithForce() throws IOException {
    Path card = Files.write(dir.resolve("card.img"), new byte[] {1, 2, 3});
    Path symlink = Files.createSymbolicLink(dir.resolve("link.img"), card);
    Path hardLink = Files.createLink(dir.resolve("hard.img"), card);
    Files.createDirectories(dir.resolve("sub"));
    Path dotted = dir.resolve("sub/../card.img");

    for (Path output : List.of(card, symlink, hardLink, dotted)) {
      assertThatThrownBy(
              () -> OutputFiles.prepare(output, OverwritePolicy.OVERWRITE, List.of(card)))
          .as(output.toString())
          .isInstanceOf(WriteException.class)
          .hasMessageContaining("the input")
          .hasMessageContaining("even with --force");
    }
    assertThat(Files.readAllBytes(card)).containsExactly(1, 2, 3);
    // another file is fine, and so is a new one
    Path other = Files.write(dir.resolve("other.img"), new byte[] {9});
    assertThatCode(() -> OutputFiles.prepare(other, OverwritePolicy.OVERWRITE, List.of(card)))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                OutputFiles.prepare(
                    dir.resolve("new/out.raw"), OverwritePolicy.FAIL_IF_EXISTS, List.of(card)))
        .doesNotThrowAnyException();
    assertThat(dir.resolve("new")).isDirectory();
  }

  @Test
  void existingFilesFoldersAndFilesInThePathAreNamed() throws IOException {
    Path existing = Files.write(dir.resolve("run.csv"), new byte[] {1});
    assertThatThrownBy(
            () -> OutputFiles.prepare(existing, OverwritePolicy.FAIL_IF_EXISTS, List.of()))
        .hasMessageContaining("run.csv")
        .hasMessageContaining("exists; refusing to overwrite it (use --force)");
    Path folder = Files.createDirectories(dir.resolve("run.ome.tif"));
    assertThatThrownBy(() -> OutputFiles.prepare(folder, OverwritePolicy.OVERWRITE, List.of()))
        .hasMessageContaining("is a folder; --out names a file stem");
    assertThatThrownBy(
            () ->
                OutputFiles.prepare(
                    dir.resolve("run.csv/x.raw"), OverwritePolicy.OVERWRITE, List.of()))
        .hasMessageContaining("cannot create its folder: " + existing + " is a file");
  }

  @Test
  void aFileNameLongerThan244BytesIsRefusedBeforeAnythingIsCreated() {
    Path longest = dir.resolve("new/" + "a".repeat(244));
    assertThatCode(() -> OutputFiles.prepare(longest, OverwritePolicy.FAIL_IF_EXISTS, List.of()))
        .doesNotThrowAnyException();
    Path tooLong = dir.resolve("other/" + "a".repeat(245));
    assertThatThrownBy(
            () -> OutputFiles.prepare(tooLong, OverwritePolicy.FAIL_IF_EXISTS, List.of()))
        .hasMessage(
            tooLong
                + ": its file name is 245 bytes long; outputs may have at most 244, so that the"
                + " temporary files made beside them fit the 255 of file systems (choose a"
                + " shorter --out)");
    assertThat(dir.resolve("other")).doesNotExist();
  }

  @Test
  void aStemNeedsAFileName() {
    assertThat(OutputFiles.withSuffix(Path.of("demo/run1"), ".csv"))
        .isEqualTo(Path.of("demo/run1.csv"));
    for (String stem : new String[] {"", "/"}) {
      assertThatThrownBy(() -> OutputFiles.withSuffix(Path.of(stem), ".csv"))
          .hasMessage(
              "output stem '" + stem + "' has no file name; expected a path such as demo/run1");
    }
  }
}
