package org.scopeio.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scopeio.cli.Main;
import org.scopeio.cli.ScopeioModule;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Which commands a command line gets, and that the root's help and errors still list them all. */
class ScopeioCommandTest {
  @Test
  void eachCommandIsListedUnderTheNameItsAnnotationGivesIt() {
    ScopeioCommand.COMMANDS.forEach(
        (name, type) -> assertThat(type.getAnnotation(Command.class).name()).isEqualTo(name));
  }

  /** The subcommands {@code args} get: the class of each full model, "listing" for a listing. */
  private static List<String> added(String... args) {
    CommandLine root = new CommandLine(ScopeioCommand.class, new GuiceFactory(new ScopeioModule()));
    ScopeioCommand.addCommands(root, args);
    List<String> added = new ArrayList<>();
    root.getSubcommands()
        .forEach(
            (name, sub) -> {
              Object command = sub.getCommand();
              added.add(
                  name + "=" + (command == null ? "listing" : command.getClass().getSimpleName()));
            });
    return added;
  }

  private static List<String> listings() {
    return ScopeioCommand.COMMANDS.keySet().stream().map(n -> n + "=listing").toList();
  }

  @Test
  void aCommandLineGetsTheCommandItNamesOnly() {
    assertThat(added("sdcard", "info", "card.img")).containsExactly("sdcard=SdcardCommand");
    assertThat(added("--verbose", "stream", "decode")).containsExactly("stream=StreamCommand");
    assertThat(added("config", "--help")).containsExactly("config=ConfigCommand");
    assertThat(added("--version")).isEmpty();
  }

  @Test
  void theRootHelpAndErrorsGetAListingOfEveryCommand() {
    assertThat(added("--help")).containsExactlyElementsOf(listings());
    assertThat(added("--help", "config")).containsExactlyElementsOf(listings());
    assertThat(added("sdcrad", "info")).containsExactlyElementsOf(listings());
    assertThat(added()).containsExactlyElementsOf(listings());
  }

  @Test
  void theRootHelpFromListingsIsTheHelpFromTheFullModels() {
    CommandLine listed =
        new CommandLine(ScopeioCommand.class, new GuiceFactory(new ScopeioModule()));
    ScopeioCommand.addCommands(listed, new String[] {"--help"});
    CommandLine full = new CommandLine(ScopeioCommand.class, new GuiceFactory(new ScopeioModule()));
    ScopeioCommand.COMMANDS.values().forEach(full::addSubcommand);
    assertThat(listed.getUsageMessage()).isEqualTo(full.getUsageMessage()).contains("Commands:");
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
