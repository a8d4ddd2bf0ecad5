package org.scopeio.writers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.Frame;
import org.scopeio.api.StreamInfo;
import org.scopeio.api.config.ConfigStore;

/** Frames from the simulated device, for writer tests. */
final class TestFrames {
  final StreamInfo info;
  final List<Frame> frames = new ArrayList<>();

  TestFrames(int width, int height, String pixelType, int count) throws InterruptedException {
    ConfigStore configs = new ConfigStore(null, TestFrames.class.getClassLoader());
    try (Device d =
        DeviceRegistry.load(TestFrames.class.getClassLoader())
            .create(
                "simulated",
                new DeviceRequest(
                    null,
                    Map.of(
                        "pacing", "as-fast-as-possible",
                        "width", String.valueOf(width),
                        "height", String.valueOf(height),
                        "pixel_type", pixelType,
                        "frames", String.valueOf(count)),
                    configs))) {
      info = d.open();
      for (Optional<Frame> f = d.next(Duration.ofSeconds(5));
          f.isPresent();
          f = d.next(Duration.ofSeconds(5))) {
        frames.add(f.get());
      }
    }
  }
}
