package org.scopeio.writers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.Frame;
import org.scopeio.config.ConfigStore;
import org.scopeio.testkit.Drained;

/** Frames from the simulated device, for writer tests (and the raw device's, in devices-raw). */
public final class TestFrames {
  public final DeviceInfo info;
  public final List<Frame> frames = new ArrayList<>();

  public TestFrames(int width, int height, String pixelType, int count)
      throws InterruptedException {
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
      for (Optional<Frame> f = Drained.nextFrame(d, Duration.ofSeconds(5));
          f.isPresent();
          f = Drained.nextFrame(d, Duration.ofSeconds(5))) {
        frames.add(f.get());
      }
    }
  }

  /** SHA-256 of the frames' pixels as little-endian bytes, frame after frame. */
  public static String sha256(List<Frame> frames) {
    java.security.MessageDigest d = RealReaders.sha256();
    for (Frame f : frames) {
      java.nio.ByteBuffer b =
          java.nio.ByteBuffer.allocate((int) f.pixelBytes())
              .order(java.nio.ByteOrder.LITTLE_ENDIAN);
      f.copyPixelsTo(b);
      d.update(b.array());
    }
    return java.util.HexFormat.of().formatHex(d.digest());
  }
}
