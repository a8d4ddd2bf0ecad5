package org.scopeio.cli.internal;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.spi.DeviceOption;
import org.scopeio.api.spi.DeviceProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scopeio devices}: the device providers on the class path. */
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description = {
      "List the device types found on the class path, and the options (-O NAME=VALUE) each takes.",
      "Options that are keys of the device's config override the config's value."
    })
public final class DevicesCommand implements Runnable {
  private final Provider<DeviceRegistry> devices;
  @Spec CommandSpec spec;

  @Inject
  public DevicesCommand(Provider<DeviceRegistry> devices) {
    this.devices = devices;
  }

  @Override
  public void run() {
    Table t = new Table("TYPE", "CLASS", "VERSION", "DESCRIPTION");
    for (DeviceProvider p : devices.get().providers()) {
      t.row(p.type(), p.getClass().getName(), ModuleVersion.of(p.getClass()), p.description());
    }
    t.print(spec.commandLine().getOut());
    for (DeviceProvider p : devices.get().providers()) {
      spec.commandLine().getOut().println();
      spec.commandLine().getOut().println("Options of " + p.type() + ":");
      Table o = new Table("  OPTION", "VALUES", "DEFAULT", "DESCRIPTION");
      for (DeviceOption d : p.options()) {
        o.row("  " + d.name(), d.values(), d.defaultValue(), d.description());
      }
      o.print(spec.commandLine().getOut());
    }
  }
}
