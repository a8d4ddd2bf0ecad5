package org.scopeio.cli.internal;

import jakarta.inject.Inject;
import org.scopeio.api.WriterRegistry;
import org.scopeio.api.spi.WriterProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scopeio formats}: the writers on the class path. */
@Command(
    name = "formats",
    mixinStandardHelpOptions = true,
    description = "List the output formats (writers) found on the class path.")
public final class FormatsCommand implements Runnable {
  private final WriterRegistry writers;
  @Spec CommandSpec spec;

  @Inject
  public FormatsCommand(WriterRegistry writers) {
    this.writers = writers;
  }

  @Override
  public void run() {
    Table t = new Table("FORMAT", "FILES", "CLASS", "DESCRIPTION");
    for (WriterProvider p : writers.providers()) {
      t.row(
          p.format(),
          "<stem>" + String.join(" <stem>", p.extensions()),
          p.getClass().getName(),
          p.description());
    }
    t.print(spec.commandLine().getOut());
  }
}
