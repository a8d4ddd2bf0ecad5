package org.scopeio.stream.update;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One update of one miniscope (or of all, device id 0): five bytes on the wire (docs/formats.md
 * §5.2):
 *
 * <pre>
 * device id         00dddddd   0 = all devices, 1 to 63
 * key               11kkkkkk   0xC0 + key code
 * value bits 0-5    01vvvvvv   0x40 + (value &amp; 0x3F)
 * value bits 6-11   10vvvvvv   0x80 + (value &gt;&gt; 6)
 * end               11111111
 * </pre>
 *
 * Unlike mio, the device id and the value are validated, never truncated to their fields.
 *
 * @param deviceId 0 (all devices) to 63
 * @param key the setting
 * @param value a value the key allows
 */
public record DeviceUpdate(int deviceId, UpdateKey key, int value) {
  /** The largest device id (6 bits). */
  public static final int MAX_DEVICE_ID = 63;

  /**
   * @throws IllegalArgumentException naming the device id or the key and its allowed values
   */
  public DeviceUpdate {
    Objects.requireNonNull(key, "key");
    if (deviceId < 0 || deviceId > MAX_DEVICE_ID) {
      throw new IllegalArgumentException(
          "device id must be 0 (all devices) to " + MAX_DEVICE_ID + ", got " + deviceId);
    }
    if (!key.accepts(value)) {
      throw new IllegalArgumentException(
          (key == UpdateKey.DEVICE ? "device command" : "for " + key + ", value")
              + " must be "
              + key.allowed()
              + ", got "
              + value);
    }
  }

  /** The reboot command for {@code deviceId}. */
  public static DeviceUpdate reboot(int deviceId) {
    return new DeviceUpdate(deviceId, UpdateKey.DEVICE, UpdateKey.REBOOT_VALUE);
  }

  /** The five bytes of this update, in sending order. */
  public byte[] bytes() {
    return new byte[] {
      (byte) deviceId,
      (byte) (0xC0 + key.code()),
      (byte) (0x40 + (value & 0x3F)),
      (byte) (0x80 + ((value >> 6) & 0x3F)),
      (byte) 0xFF
    };
  }

  /** The bytes as upper-case hex pairs, e.g. {@code 05 C0 45 80 FF}. */
  public String hex() {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes());
  }

  /** For people: {@code device 5: LED = 5} or {@code device 0 (all): REBOOT}. */
  public String describe() {
    String who = "device " + deviceId + (deviceId == 0 ? " (all)" : "");
    return key == UpdateKey.DEVICE ? who + ": REBOOT" : who + ": " + key + " = " + value;
  }
}
