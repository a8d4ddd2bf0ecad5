package org.scopeio.stream;

import java.nio.file.Path;
import org.scopeio.api.ConfigException;

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
        return new StreamSource(Kind.USB, rest, 0);
      default:
        throw new ConfigException("stream source", "source", usage);
    }
  }

  public Path path() {
    return Path.of(target);
  }
}
