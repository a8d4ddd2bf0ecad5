package org.scopeio.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.BufferRuntime;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.core.AbstractDevice;
import org.scopeio.core.Acquisition;
import org.scopeio.core.EnumIds;
import org.scopeio.core.Pacer;
import org.scopeio.core.Pacing;

/**
 * The {@code simulated} device: frames of a {@link CalciumScene} with device frame numbers,
 * millisecond device timestamps and one buffer header per {@code buffer_pixels} pixels, as a
 * wireless miniscope would send them. In {@link Pacing#REAL_TIME} an acquisition thread produces
 * frames at the frame rate into a bounded queue whose overflow policy drops (and counts) frames
 * when the reader is slow; dropped frames leave holes in {@link Frame#index()} and in the device
 * frame numbers, as with real hardware.
 */
public final class SimulatedDevice extends AbstractDevice {
  /** Device clock at the first frame, in milliseconds since the simulated device booted. */
  static final long CLOCK_START_MS = 1000;

  private static final int LINKED_LIST_SLOTS = 32;

  private final SimulatedDeviceConfig config;
  private final BufferHeaderFormat headerFormat;
  private final Pacing pacing;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong buffers = new AtomicLong();
  private CalciumScene scene;
  private Acquisition acquisition;
  private long generated;
  private long bufferCounter;

  public SimulatedDevice(SimulatedDeviceConfig config, BufferHeaderFormat headerFormat) {
    super("simulated");
    this.config = config;
    this.headerFormat = headerFormat;
    this.pacing = Pacing.fromId(config.pacing());
  }

  public SimulatedDeviceConfig config() {
    return config;
  }

  @Override
  protected DeviceInfo start() {
    scene = new CalciumScene(config.scene());
    DeviceInfo info =
        new DeviceInfo(
            type(),
            "simulated miniscope "
                + config.width()
                + "x"
                + config.height()
                + " "
                + config.pixelType()
                + " at "
                + config.fs()
                + " fps, seed "
                + config.seed(),
            config.width(),
            config.height(),
            PixelType.fromId(config.pixelType()),
            config.fs(),
            headerFormat,
            Map.of(
                "seed", String.valueOf(config.seed()),
                "neurons", String.valueOf(config.neurons()),
                "pacing", pacing.id()),
            config.frames() > 0 ? config.frames() : -1,
            Pace.ON_DEMAND);
    if (pacing == Pacing.REAL_TIME) {
      acquisition =
          new Acquisition(
              type(),
              config.queueSize(),
              EnumIds.parse(OverflowPolicy.class, config.overflow(), "overflow policy"),
              this::produce);
      acquisition.start();
    }
    return info;
  }

  @Override
  protected Optional<Frame> nextFrame(Duration timeout) throws InterruptedException {
    if (pacing == Pacing.AS_FAST_AS_POSSIBLE) {
      synchronized (this) {
        if (isClosed() || (config.frames() > 0 && generated >= config.frames())) {
          return Optional.empty();
        }
        Frame f = generate(System.nanoTime(), Instant.now());
        delivered.incrementAndGet();
        return Optional.of(f);
      }
    }
    Optional<Frame> f = acquisition.take(timeout);
    if (f.isPresent()) {
      delivered.incrementAndGet();
    }
    return f;
  }

  /** The acquisition thread: frames at the frame rate until the configured count or a stop. */
  private void produce(Acquisition out) throws InterruptedException {
    Pacer pacer = Pacer.perSecond(config.fs());
    while (!out.stopped() && (config.frames() == 0 || generated < config.frames())) {
      pacer.awaitDue(generated);
      Frame f;
      synchronized (this) {
        f = generate(System.nanoTime(), Instant.now());
      }
      if (!out.offer(f)) {
        return;
      }
    }
  }

  /** Renders frame number {@code generated} with its buffer headers. Caller holds the lock. */
  private Frame generate(long hostNanos, Instant wallClock) {
    long k = generated++;
    long frameNumber = config.firstFrameNumber() + k;
    long deviceMs = CLOCK_START_MS + (long) Math.floor(k * 1000.0 / config.fs());
    Frame.Builder b =
        Frame.builder(config.width(), config.height(), PixelType.fromId(config.pixelType()))
            .index(k)
            .deviceFrameNumber(frameNumber & 0xFFFF_FFFFL)
            .deviceTimestampMillis(deviceMs & 0xFFFF_FFFFL)
            .hostMonotonicNanos(hostNanos)
            .wallClock(wallClock);
    if (scene.config().pixelType() == PixelType.UINT8) {
      b.adoptPixels(scene.next8());
    } else {
      b.adoptPixels(scene.next16());
    }
    b.headers(headers(frameNumber, deviceMs, wallClock));
    return b.build();
  }

  private List<BufferHeader> headers(long frameNumber, long deviceMs, Instant wallClock) {
    int pixels = config.width() * config.height();
    int perFrame = (pixels + config.bufferPixels() - 1) / config.bufferPixels();
    List<BufferHeader> out = new ArrayList<>(perFrame);
    double unix = wallClock.getEpochSecond() + wallClock.getNano() / 1e9;
    long battery = Math.max(0, 176 - deviceMs / 600_000);
    for (int i = 0; i < perFrame; i++) {
      long count = bufferCounter++;
      int pixelCount = Math.min(config.bufferPixels(), pixels - i * config.bufferPixels());
      Map<String, Long> v =
          Map.ofEntries(
              Map.entry(BufferHeader.LINKED_LIST, count % LINKED_LIST_SLOTS),
              Map.entry(BufferHeader.FRAME_NUM, frameNumber),
              Map.entry(BufferHeader.BUFFER_COUNT, count),
              Map.entry(BufferHeader.FRAME_BUFFER_COUNT, (long) i),
              Map.entry(BufferHeader.WRITE_BUFFER_COUNT, count),
              Map.entry(BufferHeader.DROPPED_BUFFER_COUNT, 0L),
              Map.entry(BufferHeader.TIMESTAMP, deviceMs + 2L * i),
              Map.entry("pixel_count", (long) pixelCount),
              Map.entry("data_length", (long) pixelCount),
              Map.entry("length", (long) headerFormat.wordsNeeded()),
              Map.entry(BufferHeader.WRITE_TIMESTAMP, deviceMs + 2L * i + 1),
              Map.entry("battery_voltage_raw", battery),
              Map.entry("battery_voltage", battery),
              Map.entry("input_voltage_raw", 100L));
      long[] words = new long[headerFormat.wordsNeeded()];
      for (String field : headerFormat.fieldsByIndex()) {
        words[headerFormat.index(field).getAsInt()] = v.getOrDefault(field, 0L) & 0xFFFF_FFFFL;
      }
      out.add(headerFormat.decode(words).withRuntime(new BufferRuntime(count, unix, 0, 0, false)));
    }
    buffers.addAndGet(perFrame);
    return out;
  }

  @Override
  protected List<BufferHeader> takeDroppedHeaders() {
    Acquisition a = acquisition;
    return a == null ? List.of() : a.takeDroppedHeaders();
  }

  @Override
  public DeviceCounters counters() {
    Acquisition a = acquisition;
    return new DeviceCounters(delivered.get(), a == null ? 0 : a.dropped(), buffers.get(), 0, 0);
  }

  @Override
  protected void stop() {
    Acquisition a = acquisition;
    if (a != null) {
      a.stop();
    }
  }
}
