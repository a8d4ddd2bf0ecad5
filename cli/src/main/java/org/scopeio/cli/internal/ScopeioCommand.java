package org.scopeio.cli.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
   * {@link #addCommands}, not declared on this class: picocli builds the model of every declared
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
   * Adds to {@code root} the commands a command line needs: the model of the one it names (the
   * first argument that is not an option: the root's options take no values); for the root's help,
   * a missing or a mistyped command, a listing of every command (its name and description, all the
   * root's usage and suggestions show, without reflecting over its options); none for {@code
   * --version} alone.
   */
  public static void addCommands(CommandLine root, String[] args) {
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help")) {
        break; // the root's help, whatever follows
      }
      if (!a.startsWith("-")) {
        Class<?> named = COMMANDS.get(a);
        if (named != null) {
          root.addSubcommand(named);
          return;
        }
        break;
      }
    }
    boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    if (!versionOnly) {
      COMMANDS.forEach((name, type) -> root.addSubcommand(name, listing(name, type)));
    }
  }

  /** A command with the name and description of {@code type}'s annotation and nothing else. */
  static CommandLine listing(String name, Class<?> type) {
    CommandSpec spec = CommandSpec.create().name(name);
    spec.usageMessage().description(type.getAnnotation(Command.class).description());
    return new CommandLine(spec);
  }

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  @CommandLine.Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command; 'scopeio --help' lists the commands");
  }
}
