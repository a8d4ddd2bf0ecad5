package org.scopeio.cli.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root {@code scopeio} command. */
@Command(
    name = "scopeio",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Record, read and convert miniscope data.",
    synopsisSubcommandLabel = "COMMAND")
public final class ScopeioCommand implements Runnable {
  /**
   * The commands, by name, in the order the help lists them. They are added to the command line by
   * {@link #commandsFor}, not declared on this class: picocli builds the model of every declared
   * command (reflecting over its options and reading its annotations) before parsing, which took
   * about a third of a short command's start-up.
   */
  public static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("record", RecordCommand.class);
    m.put("sdcard", SdcardCommand.class);
    m.put("stream", StreamCommand.class);
    m.put("simulate", SimulateCommand.class);
    m.put("update", UpdateCommand.class);
    m.put("repair", RepairCommand.class);
    m.put("devices", DevicesCommand.class);
    m.put("formats", FormatsCommand.class);
    m.put("config", ConfigCommand.class);
    return Collections.unmodifiableMap(m);
  }

  /**
   * The commands a command line needs: the one it names (the first argument that is not an option:
   * the root's options take no values), none for {@code --version} alone, and every command
   * otherwise (the root's help, a missing or mistyped command), so that usage and error messages
   * list them all.
   */
  public static Collection<Class<?>> commandsFor(String[] args) {
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help")) {
        return COMMANDS.values(); // the root's help, whatever follows
      }
      if (!a.startsWith("-")) {
        Class<?> named = COMMANDS.get(a);
        return named != null ? List.of(named) : COMMANDS.values();
      }
    }
    boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    return versionOnly ? List.of() : COMMANDS.values();
  }

  @Option(
      names = "--verbose",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing command; 'scopeio --help' lists the commands");
  }
}
