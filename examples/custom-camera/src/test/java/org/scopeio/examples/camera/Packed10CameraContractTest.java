package org.scopeio.examples.camera;

import java.util.Map;
import org.scopeio.api.Device;
import org.scopeio.testkit.DeviceContractTest;

/** The example camera passes the same contract as the built-in devices. */
class Packed10CameraContractTest extends DeviceContractTest {
  private Device create(Map<String, String> options) {
    return createDevice("packed10", options);
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
