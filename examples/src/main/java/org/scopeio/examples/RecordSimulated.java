package org.scopeio.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.WriterOptions;
import org.scopeio.api.WriterRegistry;
import org.scopeio.config.ConfigStore;
import org.scopeio.core.Recording;
import org.scopeio.writers.CompositeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shortest program that records a miniscope with the library API: the simulated scope, 100
 * frames, raw + CSV. Run it with an output stem as its only argument.
 */
public final class RecordSimulated {
  private static final Logger LOG = LoggerFactory.getLogger(RecordSimulated.class);

  private RecordSimulated() {}

  public static void main(String[] args) throws InterruptedException {
    Path stem = Path.of(args.length > 0 ? args[0] : "demo/example");
    Recording.Summary s = record(stem, 100);
    LOG.info("{} frames written to {}", s.framesWritten(), s.files());
  }

  /** Records {@code frames} simulated frames as fast as possible to {@code stem}.raw/.csv. */
  public static Recording.Summary record(Path stem, long frames) throws InterruptedException {
    ConfigStore configs = ConfigStore.standard();
    DeviceRequest request =
        new DeviceRequest(null, Map.of("pacing", "as-fast-as-possible"), configs);
    try (Device device = DeviceRegistry.load().create("simulated", request)) {
      device.open();
      CompositeWriter writer =
          CompositeWriter.forFormats(WriterRegistry.load(), List.of("raw", "csv"));
      return new Recording(device, writer, Recording.Limits.frames(frames), Duration.ofSeconds(5))
          .run(stem, WriterOptions.defaults());
    }
  }
}
