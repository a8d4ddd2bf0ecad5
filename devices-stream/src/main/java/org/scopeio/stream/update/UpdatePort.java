package org.scopeio.stream.update;

import java.io.IOException;

/** An open serial port to the IR transmitter, written one byte at a time. */
public interface UpdatePort extends AutoCloseable {
  /** The port's path, for messages. */
  String path();

  /** Writes one byte, waiting until the port has taken it. */
  void write(byte b) throws IOException;

  /** Closes the port; safe to call twice. */
  @Override
  void close();

  /** Opens ports by path. */
  @FunctionalInterface
  interface Opener {
    /**
     * Opens {@code path} for updates (2400 baud, 8 data bits, no parity, 2 stop bits).
     *
     * @throws org.scopeio.api.DeviceException if it cannot be opened
     */
    UpdatePort open(String path);
  }
}
