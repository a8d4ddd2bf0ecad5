package org.scopeio.stream.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scopeio.api.ConfigException;
import org.scopeio.api.ConfigType;
import org.scopeio.api.Device;

/**
 * A batch of updates for several miniscopes, in mio's {@code UpdateBatch} format (model {@code
 * update-batch}, or mio's {@code mio.models.update.UpdateBatch}); packaged example {@code
 * device-command-example}:
 *
 * <pre>{@code
 * devices:
 *   - device_id: 5
 *     port: /dev/ttyUSB0      # optional: else --port, else FTDI auto-detection
 *     updates: {LED: 5, GAIN: 4}
 * }</pre>
 *
 * Updates are sent device by device and, within a device, in the order written.
 *
 * @param devices the devices to update, in order
 */
public record UpdateBatch(List<Device> devices) {
  /** The config type. */
  public static final ConfigType<UpdateBatch> TYPE =
      ConfigType.bound(
          "update-batch", UpdateBatch.class, Set.of("mio.models.update.UpdateBatch"), Set.of());

  /** Id of the packaged example. */
  public static final String EXAMPLE_ID = "device-command-example";

  /**
   * One device's updates.
   *
   * @param deviceId 0 (all) to 63
   * @param port serial port for this device, or {@code null}
   * @param updates key name to value, in sending order
   */
  public record Device(Integer deviceId, String port, Map<String, Integer> updates) {}

  public UpdateBatch {
    if (devices == null || devices.isEmpty()) {
      throw new IllegalArgumentException("devices must list at least one device");
    }
    devices = List.copyOf(devices);
  }

  /**
   * The updates in sending order, each with its port ({@code null} when the batch names none), all
   * validated before any is sent.
   *
   * @throws ConfigException naming the entry and key of the first invalid update
   */
  public List<PlannedUpdate> plan(String location) {
    List<PlannedUpdate> out = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      Device d = devices.get(i);
      String path = "devices[" + i + "]";
      if (d.deviceId() == null) {
        throw new ConfigException(location, path + ".device_id", "is required");
      }
      if (d.updates() == null || d.updates().isEmpty()) {
        throw new ConfigException(location, path + ".updates", "must list at least one update");
      }
      for (Map.Entry<String, Integer> u : d.updates().entrySet()) {
        String keyPath = path + ".updates." + u.getKey();
        try {
          UpdateKey key = UpdateKey.parse(u.getKey(), true);
          if (u.getValue() == null) {
            throw new IllegalArgumentException("a value is required");
          }
          out.add(new PlannedUpdate(d.port(), new DeviceUpdate(d.deviceId(), key, u.getValue())));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(location, keyPath, e.getMessage(), e);
        }
      }
    }
    return out;
  }
}
