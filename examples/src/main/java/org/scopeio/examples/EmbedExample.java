package org.scopeio.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.Gap;
import org.scopeio.api.WriterOptions;
import org.scopeio.config.ConfigStore;
import org.scopeio.writers.OmeTiffWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedding acquisition in a host application: open a device through the registry, subscribe to its
 * frames and gaps with {@link Flow}, compute a live mean-brightness trace (a lost frame is a NaN in
 * it), store the frames as OME-TIFF with the gaps recorded, and shut down cleanly (the subscription
 * ends, the writer completes, the device closes).
 */
public final class EmbedExample {
  private static final Logger LOG = LoggerFactory.getLogger(EmbedExample.class);

  private EmbedExample() {}

  public static void main(String[] args) throws Exception {
    Path stem = Path.of(args.length > 0 ? args[0] : "demo/embedded");
    List<Double> trace = run(stem, "simulated", Map.of("frames", "100"));
    LOG.info(
        "{} frames; mean brightness of the last: {}", trace.size(), trace.get(trace.size() - 1));
  }

  /**
   * Records {@code deviceType} with {@code options} to {@code stem}; returns the brightness trace.
   */
  public static List<Double> run(Path stem, String deviceType, Map<String, String> options)
      throws Exception {
    DeviceRequest request = new DeviceRequest(null, options, ConfigStore.standard());
    try (Device device = DeviceRegistry.load().create(deviceType, request)) {
      DeviceInfo info = device.open();
      BrightnessTrace subscriber = new BrightnessTrace(stem, info);
      device.publisher().subscribe(subscriber);
      return subscriber.done.get(5, TimeUnit.MINUTES);
    }
  }

  /** Takes frames and gaps one at a time: traces the frames' means and writes both. */
  static final class BrightnessTrace implements Flow.Subscriber<FrameOrGap> {
    final CompletableFuture<List<Double>> done = new CompletableFuture<>();
    private final List<Double> trace = new ArrayList<>();
    private final OmeTiffWriter writer = new OmeTiffWriter();
    private final Path stem;
    private final DeviceInfo info;
    private Flow.Subscription subscription;

    BrightnessTrace(Path stem, DeviceInfo info) {
      this.stem = stem;
      this.info = info;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      writer.open(stem, info, WriterOptions.defaults());
      s.request(1); // back-pressure: the device is read only as fast as we take frames
    }

    @Override
    public void onNext(FrameOrGap item) {
      try {
        if (item instanceof Frame f) {
          trace.add((double) f.pixelSum() / f.pixelCount());
          writer.write(f);
        } else if (item instanceof Gap gap) {
          for (long i = 0; i < gap.frames(); i++) {
            trace.add(Double.NaN);
          }
          writer.gap(gap);
        }
        subscription.request(1);
      } catch (RuntimeException e) {
        subscription.cancel();
        onError(e);
      }
    }

    @Override
    public void onError(Throwable t) {
      writer.close();
      done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      writer.close();
      done.complete(List.copyOf(trace));
    }
  }
}
