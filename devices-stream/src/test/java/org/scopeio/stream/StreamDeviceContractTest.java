package org.scopeio.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.testkit.DeviceContractTest;

/** The stream device over a capture file made by the simulator's stream encoder. */
class StreamDeviceContractTest extends DeviceContractTest {
  private static Path capture;

  private static synchronized Path capture() {
    if (capture == null) {
      try {
        capture = Files.createTempFile("stream-contract", ".bin");
        capture.toFile().deleteOnExit();
        Files.write(capture, StreamDeviceTest.encode(StreamDeviceTest.W200, 6).bytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return capture;
  }

  private Device create(Map<String, String> options) {
    return DeviceRegistry.load(getClass().getClassLoader())
        .create("stream", new DeviceRequest(null, options, StreamDeviceTest.CONFIGS));
  }

  @Override
  protected Device newDevice() {
    return create(Map.of("source", "file:" + capture()));
  }

  @Override
  protected long expectedFrames() {
    return 6;
  }

  @Override
  protected Runnable badConfig() {
    return () -> create(Map.of("source", "file:" + capture(), "overflow", "spill"));
  }

  @Override
  protected String badConfigNames() {
    return "spill";
  }
}
