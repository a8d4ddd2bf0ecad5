package org.scopeio.stream.internal;

import com.fazecast.jSerialComm.SerialPort;
import org.scopeio.api.DeviceException;

/** Opens jSerialComm ports the way every Scopeio serial user needs them. */
public final class SerialPorts {
  private SerialPorts() {}

  /**
   * Opens {@code path} with 8 data bits, no parity, no flow control, the given stop bits ({@link
   * SerialPort#ONE_STOP_BIT} or {@link SerialPort#TWO_STOP_BITS}) and timeouts (as for {@link
   * SerialPort#setComPortTimeouts}), and flushes what was pending.
   *
   * @throws DeviceException naming the path if the port cannot be opened
   */
  public static SerialPort open(
      String path,
      int baudRate,
      int stopBits,
      int timeoutMode,
      int readTimeoutMillis,
      int writeTimeoutMillis) {
    SerialPort port = SerialPort.getCommPort(path);
    port.setComPortParameters(baudRate, 8, stopBits, SerialPort.NO_PARITY);
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    port.setComPortTimeouts(timeoutMode, readTimeoutMillis, writeTimeoutMillis);
    if (!port.openPort()) {
      throw new DeviceException(
          path
              + ": cannot open the serial port (error "
              + port.getLastErrorCode()
              + "); check the path and that you may use it (the 'dialout' group on Linux)");
    }
    port.flushIOBuffers();
    return port;
  }
}
