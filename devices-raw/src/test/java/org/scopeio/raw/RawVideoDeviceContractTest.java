package org.scopeio.raw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.config.ConfigStore;
import org.scopeio.testkit.DeviceContractTest;

/** The raw device over a (frames, rows, columns) uint16 file. */
class RawVideoDeviceContractTest extends DeviceContractTest {
  private static Path file;

  private static synchronized Path file() {
    if (file == null) {
      try {
        file = Files.createTempFile("raw-contract", ".bin");
        file.toFile().deleteOnExit();
        Files.write(file, new byte[5 * 30 * 40 * 2]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return file;
  }

  private Device create(Map<String, String> options) {
    return DeviceRegistry.load(getClass().getClassLoader())
        .create(
            "raw",
            new DeviceRequest(null, options, new ConfigStore(null, getClass().getClassLoader())));
  }

  private Map<String, String> base(String pacing, String fs) {
    return Map.of(
        "file",
        file().toString(),
        "num_rows",
        "30",
        "num_columns",
        "40",
        "dtype",
        "<u2",
        "sampling_frequency",
        fs,
        "pacing",
        pacing);
  }

  @Override
  protected Device newDevice() {
    return create(base("as-fast-as-possible", "20"));
  }

  @Override
  protected long expectedFrames() {
    return 5;
  }

  @Override
  protected Runnable badConfig() {
    return () ->
        create(
            Map.of(
                "file", file().toString(), "num_rows", "30", "num_columns", "40", "dtype", "<u7"));
  }

  @Override
  protected String badConfigNames() {
    return "<u7";
  }

  @Override
  protected Device slowDevice() {
    return create(base("real-time", "0.5"));
  }
}
