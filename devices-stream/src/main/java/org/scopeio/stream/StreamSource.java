package org.scopeio.stream;

import java.nio.file.Path;
import org.scopeio.api.ConfigException;
import org.scopeio.format.StreamDevConfig;

/**
 * A byte source named on the command line: {@code file:PATH}, {@code serial:PORT[@BAUD]} or {@code
 * usb:VID:PID[:ENDPOINT]} (hex ids).
 *
 * @param kind which source
 * @param target the path, port or USB address
 * @param baudRate serial baud rate, or 0 to use the config's
 */
public record StreamSource(Kind kind, String target, int baudRate) {

  /** Kinds of sources. */
  public enum Kind {
    FILE,
    SERIAL,
    USB
  }

  /** Whether the source delivers data as it happens (read on an acquisition thread). */
  public boolean live() {
    return kind != Kind.FILE;
  }

  /**
   * Parses a source description.
   *
   * @throws ConfigException saying what forms are accepted
   */
  public static StreamSource parse(String text) {
    String usage =
        "expected file:PATH, serial:PORT[@BAUD] or usb:VID:PID[:ENDPOINT], got '" + text + "'";
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new ConfigException("stream source", "source", usage);
    }
    String kind = text.substring(0, colon);
    String rest = text.substring(colon + 1);
    switch (kind) {
      case "file":
        return new StreamSource(Kind.FILE, rest, 0);
      case "serial":
        int at = rest.lastIndexOf('@');
        if (at < 0) {
          return new StreamSource(Kind.SERIAL, rest, 0);
        }
        try {
          return new StreamSource(
              Kind.SERIAL, rest.substring(0, at), Integer.parseInt(rest.substring(at + 1)));
        } catch (NumberFormatException e) {
          throw new ConfigException("stream source", "source", "bad baud rate in '" + text + "'");
        }
      case "usb":
        StreamSource usb = new StreamSource(Kind.USB, rest, 0);
        usb.usbIds(); // fails now on bad ids
        return usb;
      default:
        throw new ConfigException("stream source", "source", usage);
    }
  }

  public Path path() {
    return Path.of(target);
  }

  /**
   * Vendor id, product id and bulk-in endpoint of a USB source (hex; endpoint 0x81 when not given).
   */
  public int[] usbIds() {
    String[] parts = target.split(":");
    if (parts.length < 2 || parts.length > 3) {
      throw new ConfigException(
          "stream source",
          "source",
          "expected usb:VID:PID[:ENDPOINT] in hex, got 'usb:" + target + "'");
    }
    try {
      int vid = Integer.parseInt(strip(parts[0]), 16);
      int pid = Integer.parseInt(strip(parts[1]), 16);
      int ep = parts.length == 3 ? Integer.parseInt(strip(parts[2]), 16) : 0x81;
      if (vid > 0xFFFF || pid > 0xFFFF || (ep & 0x80) == 0 || ep > 0xFF) {
        throw new NumberFormatException();
      }
      return new int[] {vid, pid, ep};
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "stream source",
          "source",
          "expected usb:VID:PID[:ENDPOINT] with 16-bit hex ids and an IN endpoint (0x81-0xff),"
              + " got 'usb:"
              + target
              + "'");
    }
  }

  private static String strip(String hex) {
    return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
  }

  /**
   * How a USB source reads.
   *
   * @param serial the serial number of the device to open, or {@code null} for the only one
   * @param iface the interface to claim
   * @param transferSize bytes per bulk transfer
   * @param transfersInFlight transfers kept submitted
   */
  public record UsbSettings(String serial, int iface, int transferSize, int transfersInFlight) {
    public static final UsbSettings DEFAULTS = new UsbSettings(null, 0, 16384, 8);
  }

  /** Opens a file, serial or USB source. */
  public ByteSource open(StreamDevConfig config, UsbSettings usb) {
    return switch (kind) {
      case FILE -> new FileByteSource(path());
      case SERIAL -> {
        int baud = baudRate > 0 ? baudRate : orZero(config.baudrate());
        if (baud <= 0) {
          throw new ConfigException(
              "stream source",
              "baudrate",
              "no baud rate: give serial:PORT@BAUD or 'baudrate' in the config");
        }
        yield new SerialByteSource(target, baud);
      }
      case USB -> {
        int[] ids = usbIds();
        yield new UsbByteSource(
            new org.scopeio.stream.internal.Usb4JavaTransport(
                ids[0], ids[1], usb.serial(), usb.iface(), ids[2]),
            usb.transferSize(),
            usb.transfersInFlight());
      }
    };
  }

  private static int orZero(Integer v) {
    return v == null ? 0 : v;
  }
}
