package org.scopeio.examples.camera;

import java.util.Map;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.config.ConfigStore;
import org.scopeio.testkit.DeviceContractTest;

/** The example camera passes the same contract as the built-in devices. */
class Packed10CameraContractTest extends DeviceContractTest {
  private final ConfigStore configs = new ConfigStore(null, getClass().getClassLoader());

  private Device create(Map<String, String> options) {
    return DeviceRegistry.load(getClass().getClassLoader())
        .create("packed10", new DeviceRequest(null, options, configs));
  }

  @Override
  protected Device newDevice() {
    return create(Map.of("frames", "4", "width", "16", "height", "8"));
  }

  @Override
  protected long expectedFrames() {
    return 4;
  }

  @Override
  protected Runnable badConfig() {
    return () -> create(Map.of("width", "10"));
  }

  @Override
  protected String badConfigNames() {
    return "multiple of 4";
  }
}
