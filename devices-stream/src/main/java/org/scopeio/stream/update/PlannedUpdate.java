package org.scopeio.stream.update;

import java.util.Objects;

/**
 * A validated update with the serial port it goes to.
 *
 * @param port the port path, or {@code null} for the default port (given on the command line, or
 *     found by FTDI auto-detection)
 * @param update the update
 */
public record PlannedUpdate(String port, DeviceUpdate update) {
  public PlannedUpdate {
    Objects.requireNonNull(update, "update");
  }
}
