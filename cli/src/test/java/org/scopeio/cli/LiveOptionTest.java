package org.scopeio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code --live [PORT]} is read on the writing commands (the page itself: LiveViewIT). */
class LiveOptionTest {
  @TempDir Path dir;

  private String out(String name) {
    return dir.resolve(name).resolve("run").toString();
  }

  @Test
  void aPortIsTakenOnlyWhenTheNextArgumentIsANumber() {
    CliTest cli = CliTest.in(dir);
    String card = dir.resolve("card.img").toString();
    assertThat(cli.run("simulate", "sdcard", card, "--frames", "3").code()).isZero();
    // the card image after --live stays the command's argument
    CliTest.Result r = cli.run("sdcard", "convert", "--live", "0", card, "--out", out("a"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).containsPattern("Live view: http://127\\.0\\.0\\.1:\\d+/");
    assertThat(r.out()).contains("Recorded 3 frames");
    CliTest.Result plain = cli.run("sdcard", "convert", card, "--out", out("b"));
    assertThat(plain.err()).doesNotContain("Live view");
    CliTest.Result badPort = cli.run("record", "--live", "70000", "--out", out("c"));
    assertThat(badPort.code()).isEqualTo(2);
    assertThat(badPort.err()).contains("--live takes a port from 0 to 65535, got 70000");
    assertThat(dir.resolve("c")).doesNotExist();
  }
}
