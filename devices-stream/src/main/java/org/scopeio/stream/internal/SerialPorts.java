package org.scopeio.stream.internal;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.util.List;
import org.scopeio.api.DeviceException;
import org.scopeio.stream.update.TransmitterPorts;

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
    SerialPort port;
    try {
      port = SerialPort.getCommPort(path);
    } catch (SerialPortInvalidPortException e) {
      List<TransmitterPorts.PortInfo> present = TransmitterPorts.present();
      throw new DeviceException(
          path
              + ": no such serial port (serial ports present: "
              + (present.isEmpty() ? "none" : present)
              + ")",
          e);
    }
    port.setComPortParameters(baudRate, 8, stopBits, SerialPort.NO_PARITY);
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    port.setComPortTimeouts(timeoutMode, readTimeoutMillis, writeTimeoutMillis);
    if (!port.openPort()) {
      throw new DeviceException(path + ": cannot open the serial port: " + why(port));
    }
    port.flushIOBuffers();
    return port;
  }

  /** What the system's error code for opening a port means, and what to do (POSIX numbers). */
  static String why(SerialPort port) {
    int code = port.getLastErrorCode();
    return switch (code) {
      case 2 -> "no such file; is the device plugged in?";
      case 13, 1 ->
          "permission denied; on Linux add yourself to the 'dialout' group and log in again";
      case 16 -> "it is busy: another program has it open";
      case 25 -> "it is not a serial port (a terminal device such as /dev/ttyUSB0 is needed)";
      default ->
          "the system reported error "
              + code
              + "; check the path and that you may use it (the 'dialout' group on Linux)";
    };
  }
}
