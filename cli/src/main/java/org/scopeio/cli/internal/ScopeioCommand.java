package org.scopeio.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root {@code scopeio} command. */
@Command(
    name = "scopeio",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Record, read and convert miniscope data.",
    subcommands = {
      RecordCommand.class,
      SdcardCommand.class,
      StreamCommand.class,
      SimulateCommand.class,
      UpdateCommand.class,
      RepairCommand.class,
      DevicesCommand.class,
      FormatsCommand.class,
      ConfigCommand.class
    },
    synopsisSubcommandLabel = "COMMAND")
public final class ScopeioCommand implements Runnable {
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
