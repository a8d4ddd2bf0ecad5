package org.scopeio.simulator.internal;

import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.spi.DeviceProvider;
import org.scopeio.config.ConfigTypes;
import org.scopeio.simulator.SimulatedDevice;
import org.scopeio.simulator.SimulatedDeviceConfig;

/** ServiceLoader entry for the {@code simulated} device. */
public final class SimulatedDeviceProvider implements DeviceProvider {
  @Override
  public String type() {
    return "simulated";
  }

  @Override
  public String description() {
    return "synthetic calcium-imaging miniscope (no hardware needed)";
  }

  @Override
  public java.util.List<org.scopeio.api.spi.DeviceOption> options() {
    return SimulatedDeviceConfig.OPTIONS;
  }

  @Override
  public Device create(DeviceRequest request) {
    SimulatedDeviceConfig config =
        request.loadConfig(SimulatedDeviceConfig.TYPE, SimulatedDeviceConfig.DEFAULT_ID);
    BufferHeaderFormat format =
        request.configs().load(config.headerFormat(), ConfigTypes.BUFFER_HEADER_FORMAT);
    return new SimulatedDevice(config, format);
  }
}
