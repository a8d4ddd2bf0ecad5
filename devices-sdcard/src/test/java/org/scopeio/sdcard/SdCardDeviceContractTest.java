package org.scopeio.sdcard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.simulator.SdImageEncoder;
import org.scopeio.testkit.DeviceContractTest;

class SdCardDeviceContractTest extends DeviceContractTest {
  private static Path image;

  private static synchronized Path image() {
    if (image == null) {
      try {
        Path dir = Files.createTempDirectory("sdcard-contract");
        dir.toFile().deleteOnExit();
        image = dir.resolve("card.img");
        new SdImageEncoder(
                SdCardTest.layout("wirefree-sd-layout"), SdCardTest.scene(40, 30), 6, 512, Set.of())
            .write(image, (i, px) -> {});
        image.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return image;
  }

  private Device create(Map<String, String> options) {
    return DeviceRegistry.load(getClass().getClassLoader())
        .create("sdcard", new DeviceRequest("wirefree-sd-layout", options, SdCardTest.CONFIGS));
  }

  @Override
  protected Device newDevice() {
    return create(Map.of("image", image().toString()));
  }

  @Override
  protected long expectedFrames() {
    return 6;
  }

  @Override
  protected Runnable badConfig() {
    return () -> create(Map.of("image", image().toString(), "start", "many"));
  }

  @Override
  protected String badConfigNames() {
    return "start";
  }
}
