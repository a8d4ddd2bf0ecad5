package org.scopeio.simulator;

import java.util.Map;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.config.ConfigStore;
import org.scopeio.testkit.DeviceContractTest;

class SimulatedDeviceContractTest extends DeviceContractTest {
  private final ConfigStore configs = new ConfigStore(null, getClass().getClassLoader());

  private Device create(Map<String, String> options) {
    return DeviceRegistry.load(getClass().getClassLoader())
        .create("simulated", new DeviceRequest(null, options, configs));
  }

  @Override
  protected Device newDevice() {
    return create(
        Map.of("frames", "5", "pacing", "as-fast-as-possible", "width", "40", "height", "30"));
  }

  @Override
  protected long expectedFrames() {
    return 5;
  }

  @Override
  protected Runnable badConfig() {
    return () -> create(Map.of("pixel_type", "uint12"));
  }

  @Override
  protected String badConfigNames() {
    return "uint12";
  }

  @Override
  protected Device slowDevice() {
    return create(Map.of("fs", "0.5", "frames", "3", "width", "40", "height", "30"));
  }

  @Override
  protected Device overflowingDevice(OverflowPolicy policy) {
    return create(
        Map.of(
            "fs", "200",
            "queue_size", "4",
            "overflow", org.scopeio.core.EnumIds.id(policy),
            "width", "40",
            "height", "30"));
  }
}
