package org.scopeio.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.scopeio.cli.Main;
import org.scopeio.cli.ScopeioModule;
import picocli.CommandLine.Command;

/** Which commands a command line gets, and that the root's help and errors still list them all. */
class ScopeioCommandTest {
  @Test
  void eachCommandIsListedUnderTheNameItsAnnotationGivesIt() {
    ScopeioCommand.COMMANDS.forEach(
        (name, type) -> assertThat(type.getAnnotation(Command.class).name()).isEqualTo(name));
  }

  @Test
  void aCommandLineGetsTheCommandItNamesOnly() {
    assertThat(ScopeioCommand.commandsFor(new String[] {"sdcard", "info", "card.img"}))
        .containsExactly(SdcardCommand.class);
    assertThat(ScopeioCommand.commandsFor(new String[] {"--verbose", "stream", "decode"}))
        .containsExactly(StreamCommand.class);
    assertThat(ScopeioCommand.commandsFor(new String[] {"--version"})).isEmpty();
    assertThat(ScopeioCommand.commandsFor(new String[] {"--help"}))
        .containsExactlyElementsOf(ScopeioCommand.COMMANDS.values());
    assertThat(ScopeioCommand.commandsFor(new String[] {"--help", "config"}))
        .containsExactlyElementsOf(ScopeioCommand.COMMANDS.values());
    assertThat(ScopeioCommand.commandsFor(new String[] {"config", "--help"}))
        .containsExactly(ConfigCommand.class);
    assertThat(ScopeioCommand.commandsFor(new String[] {"sdcrad", "info"}))
        .containsExactlyElementsOf(ScopeioCommand.COMMANDS.values());
    assertThat(ScopeioCommand.commandsFor(new String[0]))
        .containsExactlyElementsOf(ScopeioCommand.COMMANDS.values());
  }

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(args, new ScopeioModule(), new PrintWriter(out, true), new PrintWriter(err, true));
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void theRootHelpListsEveryCommandInOrder() {
    for (String[] args : new String[][] {{"--help"}, {"--help", "config"}, {"-h", "sdcard"}}) {
      String[] r = run(args);
      assertThat(r[0]).isEqualTo("0");
      String commands = r[1].substring(r[1].indexOf("Commands:"));
      int at = 0;
      for (String name : ScopeioCommand.COMMANDS.keySet()) {
        int i = commands.indexOf("\n  " + name + " ");
        assertThat(i).as("%s in the help of %s", name, String.join(" ", args)).isGreaterThan(at);
        at = i;
      }
    }
  }

  @Test
  void aMistypedCommandIsRefusedWithTheCommandsSuggested() {
    String[] r = run("sdcrad", "info", "card.img");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("Unmatched arguments").contains("sdcard");
  }

  @Test
  void theVersionNeedsNoCommand() {
    String[] r = run("--version");
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).startsWith("scopeio ");
  }
}
