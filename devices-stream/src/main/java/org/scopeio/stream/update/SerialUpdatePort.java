package org.scopeio.stream.update;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import org.scopeio.api.DeviceException;
import org.scopeio.stream.internal.SerialPorts;

/**
 * The transmitter's serial port through jSerialComm: 2400 baud, 8 data bits, no parity, 2 stop
 * bits, no flow control; buffers flushed on opening; each write waits at most 5 s (a transmitter
 * that takes nothing fails instead of hanging).
 *
 * <p>Closing needs care: jSerialComm's {@code closePort} discards whatever is still pending ({@code
 * tcflush(TCIOFLUSH)}) before it closes. The driver's output queue is not the whole story: a
 * USB-serial chip holds bytes in its own FIFO that the queue no longer counts, and on a
 * pseudo-terminal (a socat pair in tests) the flush discards what the other end has not read yet,
 * which lost the last byte of a batch in about one run in ten. So {@link #close} waits for the
 * queue to empty and then {@value #CLOSE_SETTLE_MS} ms more (22 characters at 2400 baud 8N2) before
 * it closes.
 */
public final class SerialUpdatePort implements UpdatePort {
  /** Baud rate of the transmitter. */
  public static final int BAUD = 2400;

  private static final int WRITE_TIMEOUT_MS = 5000;

  /** How long {@link #close} waits after the driver's queue is empty. */
  static final int CLOSE_SETTLE_MS = 100;

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
   * Waits (at most 2 s) until the driver has sent every byte written, then {@value
   * #CLOSE_SETTLE_MS} ms for the bytes past the driver, so that closing never cuts off the end of
   * the last update, then closes the port.
   */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (port.bytesAwaitingWrite() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        Thread.sleep(CLOSE_SETTLE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      port.closePort();
    }
  }
}
