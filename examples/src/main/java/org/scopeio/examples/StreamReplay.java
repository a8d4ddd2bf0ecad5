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

/**
 * The shortest program that replays a recorded wireless stream (raw bytes as captured) through the
 * decoder, as the live scope would have delivered it, into frames and mio's CSV.
 */
public final class StreamReplay {
  private StreamReplay() {}

  /** {@code StreamReplay CAPTURE STEM [CONFIG]} */
  public static void main(String[] args) throws Exception {
    replay(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? args[2] : "wireless-200px");
  }

  /**
   * Decodes {@code capture} with the stream config {@code configId} to raw + CSV at {@code stem}.
   */
  public static Recording.Summary replay(Path capture, Path stem, String configId)
      throws InterruptedException {
    ConfigStore configs = ConfigStore.standard();
    DeviceRequest request =
        new DeviceRequest(configId, Map.of("source", "file:" + capture), configs);
    try (Device stream = DeviceRegistry.load().create("stream", request)) {
      stream.open();
      CompositeWriter out =
          CompositeWriter.forFormats(WriterRegistry.load(), List.of("raw", "csv"));
      return new Recording(stream, out, Recording.Limits.none(), Duration.ofSeconds(30))
          .run(stem, WriterOptions.defaults());
    }
  }
}
