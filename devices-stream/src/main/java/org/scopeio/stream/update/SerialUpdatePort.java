package org.scopeio.stream.update;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import org.scopeio.api.DeviceException;
import org.scopeio.stream.internal.SerialPorts;

/**
 * The transmitter's serial port through jSerialComm: 2400 baud, 8 data bits, no parity, 2 stop
 * bits, no flow control; buffers flushed on opening; each write waits at most 5 s (a transmitter
 * that takes nothing fails instead of hanging).
 */
public final class SerialUpdatePort implements UpdatePort {
  /** Baud rate of the transmitter. */
  public static final int BAUD = 2400;

  private static final int WRITE_TIMEOUT_MS = 5000;

  private final String path;
  private final SerialPort port;
  private boolean closed;

  /**
   * Opens {@code path}.
   *
   * @throws DeviceException if the port cannot be opened
   */
  public SerialUpdatePort(String path) {
    this.path = path;
    this.port =
        SerialPorts.open(
            path,
            BAUD,
            SerialPort.TWO_STOP_BITS,
            SerialPort.TIMEOUT_WRITE_BLOCKING,
            0,
            WRITE_TIMEOUT_MS);
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public void write(byte b) throws IOException {
    byte[] one = {b};
    int n = port.writeBytes(one, 1);
    if (n != 1) {
      throw new IOException(
          path
              + ": the port took no byte within "
              + WRITE_TIMEOUT_MS
              + " ms (error "
              + port.getLastErrorCode()
              + "); is the transmitter connected?");
    }
  }

  /**
   * Waits (at most 2 s) until the driver has sent every byte written, so that closing never cuts
   * off the end of the last update, then closes the port.
   */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (port.bytesAwaitingWrite() > 0 && System.nanoTime() < deadline) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      port.closePort();
    }
  }
}
