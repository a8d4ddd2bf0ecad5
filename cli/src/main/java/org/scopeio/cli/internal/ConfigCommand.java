package org.scopeio.cli.internal;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.Locale;
import org.scopeio.config.ConfigDocument;
import org.scopeio.config.ConfigEntry;
import org.scopeio.config.ConfigStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scopeio config list|show}. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "List and show configs (user directory first, then packaged).",
    subcommands = {ConfigCommand.ListCommand.class, ConfigCommand.ShowCommand.class})
public final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing command: 'config list' or 'config show <id|path>'");
  }

  /** {@code scopeio config list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List every config with its id, model and location.")
  public static final class ListCommand implements Runnable {
    private final Provider<ConfigStore> configs;
    @Spec CommandSpec spec;

    @Inject
    public ListCommand(Provider<ConfigStore> configs) {
      this.configs = configs;
    }

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "User config directory: "
              + configs.get().userDir().map(Object::toString).orElse("(none)")
              + " (set "
              + ConfigStore.CONFIG_DIR_ENV
              + " to change it)");
      Table t = new Table("ID", "MODEL", "ORIGIN", "LOCATION");
      for (ConfigEntry e : configs.get().list()) {
        t.row(
            e.id(),
            e.model() == null ? "-" : e.model(),
            e.origin().name().toLowerCase(Locale.ROOT) + (e.shadowed() ? " (shadowed)" : ""),
            e.location());
      }
      t.print(out);
    }
  }

  /** {@code scopeio config show <id|path>}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print a config as Scopeio resolves it.")
  public static final class ShowCommand implements Runnable {
    private final Provider<ConfigStore> configs;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "<id|path>", description = "A config id or a .yaml/.yml path.")
    String ref;

    @Inject
    public ShowCommand(Provider<ConfigStore> configs) {
      this.configs = configs;
    }

    @Override
    public void run() {
      ConfigDocument doc = configs.get().read(ref);
      PrintWriter out = spec.commandLine().getOut();
      out.println("# " + doc.location());
      out.print(ConfigStore.toYaml(doc));
      out.flush();
    }
  }
}
