package org.scopeio.cli.internal;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.scopeio.config.ConfigStore;
import org.scopeio.stream.update.DeviceUpdate;
import org.scopeio.stream.update.PlannedUpdate;
import org.scopeio.stream.update.TransmitterPorts;
import org.scopeio.stream.update.UpdateBatch;
import org.scopeio.stream.update.UpdateKey;
import org.scopeio.stream.update.UpdateSender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scopeio update}: settings and reboots for wireless miniscopes over the IR transmitter. */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "Send a setting (LED, GAIN, ROI_X, ROI_Y, SUBSAMPLE), a reboot, or a batch of settings to"
          + " wireless miniscopes through the IR transmitter on a serial port (2400 baud 8N2).",
      "Everything is validated before the first byte is sent."
    })
public final class UpdateCommand implements Runnable {
  private final Provider<ConfigStore> configs;
  @Spec CommandSpec spec;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "<path>",
      description = "Serial port of the transmitter. Default: the one FTDI (USB 0403:6001) port.")
  String port;

  @Option(
      names = {"-i", "--device-id"},
      paramLabel = "<n>",
      description = "Miniscope to update: 0 (all) to 63.")
  Integer deviceId;

  @Option(
      names = {"-k", "--key"},
      paramLabel = "<KEY>",
      description = "LED (0-100), GAIN (1, 2, 4), ROI_X, ROI_Y (0-4095) or SUBSAMPLE (0, 1).")
  String key;

  @Option(
      names = {"-v", "--value"},
      paramLabel = "<v>",
      description = "The value for --key.")
  Integer value;

  @Option(names = "--reboot", description = "Reboot the miniscope (device command 200).")
  boolean reboot;

  @Option(
      names = {"-b", "--batch"},
      paramLabel = "<id|path>",
      description = "A batch of updates (mio's UpdateBatch YAML), e.g. device-command-example.")
  String batch;

  @Option(names = "--dry-run", description = "Print the exact bytes; open no port.")
  boolean dryRun;

  @Option(
      names = "--pause",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      defaultValue = "100ms",
      description = "Pause after each byte, for the transmitter. Default: ${DEFAULT-VALUE}.")
  Duration pause;

  @Inject
  public UpdateCommand(Provider<ConfigStore> configs) {
    this.configs = configs;
  }

  @Override
  public void run() {
    List<PlannedUpdate> plan = plan();
    PrintWriter out = spec.commandLine().getOut();
    if (dryRun) {
      out.println("Dry run: nothing is sent.");
      print(out, plan);
      out.flush();
      return;
    }
    List<PlannedUpdate> resolved = UpdateSender.resolvePorts(plan, port, TransmitterPorts::present);
    print(out, resolved);
    out.flush();
    UpdateSender.Summary s;
    try {
      s = UpdateSender.serial(pause).send(resolved);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending updates", e);
    }
    out.printf(
        Locale.ROOT,
        "Sent %d update%s (%d bytes) through %s in %.1f s%n",
        s.updates(),
        s.updates() == 1 ? "" : "s",
        s.bytes(),
        String.join(", ", s.ports()),
        s.elapsed().toNanos() / 1e9);
    out.flush();
  }

  /** The validated updates, from the options or the batch; usage errors for bad combinations. */
  private List<PlannedUpdate> plan() {
    boolean single = key != null || value != null;
    if (batch != null) {
      if (single || reboot || deviceId != null) {
        throw usage("--batch cannot be combined with --device-id, --key, --value or --reboot");
      }
      UpdateBatch b = configs.get().load(batch, UpdateBatch.TYPE);
      return b.plan(batch);
    }
    if (deviceId == null) {
      throw usage("give --device-id (0 = all devices) with --key/--value or --reboot, or --batch");
    }
    if (reboot) {
      if (single) {
        throw usage("--reboot cannot be combined with --key or --value");
      }
      return List.of(new PlannedUpdate(null, DeviceUpdate.reboot(deviceId)));
    }
    if (key == null || value == null) {
      throw usage("--key and --value are given together");
    }
    return List.of(
        new PlannedUpdate(null, new DeviceUpdate(deviceId, UpdateKey.parse(key, true), value)));
  }

  private void print(PrintWriter out, List<PlannedUpdate> plan) {
    Table t = new Table("PORT", "UPDATE", "BYTES");
    for (PlannedUpdate u : plan) {
      String p = u.port() != null ? u.port() : port != null ? port : "(FTDI auto-detect)";
      t.row(p, u.update().describe(), u.update().hex());
    }
    t.print(out);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
