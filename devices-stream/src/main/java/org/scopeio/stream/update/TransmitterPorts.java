package org.scopeio.stream.update;

import com.fazecast.jSerialComm.SerialPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scopeio.api.DeviceException;

/**
 * Finds the IR transmitter when no port is given: the one serial port of an FTDI FT232R (USB
 * 0403:6001). None, or several, is an error that lists what was found.
 */
public final class TransmitterPorts {
  /** FTDI's USB vendor id. */
  public static final int FTDI_VENDOR = 0x0403;

  /** The FT232R's USB product id. */
  public static final int FT232R_PRODUCT = 0x6001;

  private TransmitterPorts() {}

  /**
   * A serial port present on this computer.
   *
   * @param path the port's path
   * @param vendorId USB vendor id, or -1 if not a USB port
   * @param productId USB product id, or -1
   * @param description the driver's description
   */
  public record PortInfo(String path, int vendorId, int productId, String description) {
    boolean isTransmitter() {
      return vendorId == FTDI_VENDOR && productId == FT232R_PRODUCT;
    }

    @Override
    public String toString() {
      return vendorId < 0
          ? path + " (" + description + ")"
          : String.format(
              Locale.ROOT, "%s (%s, USB %04x:%04x)", path, description, vendorId, productId);
    }
  }

  /** The serial ports jSerialComm finds (pseudo-terminals are not among them). */
  public static List<PortInfo> present() {
    List<PortInfo> out = new ArrayList<>();
    for (SerialPort p : SerialPort.getCommPorts()) {
      out.add(
          new PortInfo(
              p.getSystemPortPath(), p.getVendorID(), p.getProductID(), p.getPortDescription()));
    }
    return out;
  }

  /**
   * The path of the single transmitter among {@code ports}.
   *
   * @throws DeviceException if there is none or more than one, listing the ports found
   */
  public static String select(List<PortInfo> ports) {
    List<PortInfo> ftdi = ports.stream().filter(PortInfo::isTransmitter).toList();
    if (ftdi.size() == 1) {
      return ftdi.get(0).path();
    }
    if (ftdi.isEmpty()) {
      throw new DeviceException(
          "no IR transmitter (FTDI USB 0403:6001) found; serial ports present: "
              + (ports.isEmpty() ? "none" : ports)
              + "; give the port with --port");
    }
    throw new DeviceException(
        "several IR transmitters (FTDI USB 0403:6001) found: "
            + ftdi.stream().map(PortInfo::path).toList()
            + "; choose one with --port");
  }
}
