package org.scopeio.examples.camera.internal;

import java.util.List;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.spi.DeviceOption;
import org.scopeio.api.spi.DeviceProvider;
import org.scopeio.examples.camera.Packed10Camera;
import org.scopeio.examples.camera.Packed10Config;

/** ServiceLoader entry of the {@code packed10} camera: all a plugin registers. */
public final class Packed10CameraProvider implements DeviceProvider {
  @Override
  public String type() {
    return "packed10";
  }

  @Override
  public String description() {
    return "example plugin: 10-bit sensor with RAW10-packed pixels (test pattern or file)";
  }

  @Override
  public List<DeviceOption> options() {
    return Packed10Config.OPTIONS;
  }

  @Override
  public Device create(DeviceRequest request) {
    Packed10Config config = request.loadConfig(Packed10Config.TYPE, Packed10Config.DEFAULT_ID);
    return new Packed10Camera(config); // no I/O until open()
  }
}
