package org.scopeio.cli.internal;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.TreeMap;
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
  private final Provider<WriterRegistry> writers;
  @Spec CommandSpec spec;

  @Inject
  public FormatsCommand(Provider<WriterRegistry> writers) {
    this.writers = writers;
  }

  @Override
  public void run() {
    Table t = new Table("FORMAT", "FILES", "CLASS", "DESCRIPTION");
    for (WriterProvider p : writers.get().providers()) {
      t.row(
          p.format(),
          "<stem>" + String.join(" <stem>", p.extensions()),
          p.getClass().getName(),
          p.description());
    }
    t.print(spec.commandLine().getOut());
    PrintWriter out = spec.commandLine().getOut();
    out.println();
    out.println("Settings (-W KEY=VALUE):");
    out.println("  sync=none|frame  every format: force each frame to the disk (default: frame)");
    for (WriterProvider p : writers.get().providers()) {
      new TreeMap<>(p.settings())
          .forEach((k, d) -> out.println("  " + p.format() + "." + k + "  " + d));
    }
    out.flush();
  }
}
