package org.scopeio.stream;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import org.scopeio.stream.internal.SerialPorts;

/**
 * Bytes from a serial port (a UART miniscope, or the FPGA board's serial bridge) through
 * jSerialComm. The port is given by its path ({@code /dev/ttyUSB0}, {@code COM3}, or a
 * pseudo-terminal, which is not enumerated), opened 8N1 at the given baud rate, and flushed on
 * opening so stale bytes are not decoded. Reads wait at most 100 ms, so a stop request is seen
 * promptly; a serial stream has no end of data of its own.
 */
public final class SerialByteSource implements ByteSource {
  private final String path;
  private final SerialPort port;
  private volatile boolean closed;

  public SerialByteSource(String path, int baudRate) {
    this.path = path;
    this.port =
        SerialPorts.open(
            path, baudRate, SerialPort.ONE_STOP_BIT, SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
  }

  @Override
  public String describe() {
    return "serial:" + path + "@" + port.getBaudRate();
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    if (closed) {
      return -1;
    }
    int n = port.readBytes(buffer, buffer.length);
    if (n < 0) {
      if (closed) {
        return -1;
      }
      throw new IOException(path + ": serial read failed (error " + port.getLastErrorCode() + ")");
    }
    return n;
  }

  @Override
  public void close() {
    closed = true;
    port.closePort();
  }
}
