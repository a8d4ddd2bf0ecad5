package org.scopeio.raw;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.DeviceTimeoutException;
import org.scopeio.api.FormatException;
import org.scopeio.api.Frame;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.core.AbstractDevice;
import org.scopeio.core.Pacer;
import org.scopeio.core.Pacing;

/**
 * The {@code raw} device: plays a raw video file (see {@link RawVideoReader}) as a camera, one
 * channel and plane of it, at its sampling rate ({@code real-time}: frame {@code i} is delivered no
 * earlier than its time after the first) or as fast as it is asked for. Nothing is dropped.
 *
 * <p>Samples become frames exactly where they can: {@code uint8} and {@code uint16} unchanged;
 * {@code int8} and {@code int16} shifted by 128 and 32768 to 8- and 16-bit (offset binary,
 * reversible). 32-bit and floating-point samples become 16-bit by the linear map of {@code
 * value_range} [low, high] (default: the type's range; for floats [0, 1]) onto 0..65535, rounded;
 * values outside it (and NaN) are clipped to the nearest end and counted ({@link
 * #clippedSamples()}).
 *
 * <p>Frame numbers are the file's frame indexes; device timestamps come from our raw writer's
 * sidecar when there is one, else from the sampling frequency.
 */
public final class RawVideoDevice extends AbstractDevice {
  private final Path file;
  private final RawVideoConfig config;
  private RawVideoReader reader;
  private PixelType pixelType;
  private double low;
  private double high;
  private double[] times;
  private long next;
  private Pacer pacer;
  private volatile long delivered;
  private volatile long clipped; // written by the reading thread only

  /**
   * @param file the raw file (already resolved against the config's folder)
   * @param config structure (unless the file has our sidecar) and playback settings
   */
  public RawVideoDevice(Path file, RawVideoConfig config) {
    super("raw");
    this.file = file;
    this.config = config;
  }

  /** The raw file and its sidecar (which the raw writer would write beside an output). */
  @Override
  public java.util.Set<Path> inputs() {
    return java.util.Set.of(file, file.resolveSibling(file.getFileName() + ".json"));
  }

  @Override
  protected DeviceInfo start() {
    RawVideoReader r =
        config.hasStructure()
            ? RawVideoReader.open(
                file,
                config.structure(),
                RawDtype.parse(config.dtype()),
                config.offset(),
                config.samplingFrequency() == null ? Double.NaN : config.samplingFrequency())
            : RawVideoReader.open(file);
    DeviceInfo info;
    try {
      info = describe(r);
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
    reader = r;
    times = r.nativeTimestamps();
    return info;
  }

  private DeviceInfo describe(RawVideoReader r) {
    VideoStructure s = r.structure();
    if (config.channel() >= s.numChannels() || config.plane() >= s.numPlanes()) {
      throw new IllegalArgumentException(
          "channel "
              + config.channel()
              + " / plane "
              + config.plane()
              + " do not exist in "
              + file
              + " ("
              + s.numChannels()
              + " channels, "
              + s.numPlanes()
              + " planes)");
    }
    SampleType t = r.dtype().type();
    pixelType = t == SampleType.UINT8 || t == SampleType.INT8 ? PixelType.UINT8 : PixelType.UINT16;
    Map<String, String> props = new LinkedHashMap<>();
    props.put("file", file.toString());
    props.put("dtype", r.dtype().numpy());
    props.put("axes", String.join(",", s.axisNames()));
    props.put("offset", Long.toString(r.offset()));
    props.put("channel", config.channel().toString());
    props.put("plane", config.plane().toString());
    String scaling;
    switch (t) {
      case UINT8, UINT16 -> scaling = "none";
      case INT8 -> scaling = "value + 128";
      case INT16 -> scaling = "value + 32768";
      default -> {
        boolean isFloat = t.kind() == 'f';
        low = config.valueRange() != null ? config.valueRange().get(0) : isFloat ? 0 : t.min();
        high = config.valueRange() != null ? config.valueRange().get(1) : isFloat ? 1 : t.max();
        scaling = "linear " + low + ".." + high + " -> 0..65535, clipped";
      }
    }
    props.put("scaling", scaling);
    if (r.partialFrameBytes() > 0) {
      props.put("partial_frame_bytes", Long.toString(r.partialFrameBytes()));
    }
    String description =
        "raw video "
            + file
            + " ("
            + s.numColumns()
            + "x"
            + s.numRows()
            + " "
            + r.dtype().numpy()
            + ", "
            + r.numSamples()
            + " frames"
            + (r.partialFrameBytes() > 0
                ? ", " + r.partialFrameBytes() + " bytes of a partial last frame not played"
                : "")
            + ")";
    return new DeviceInfo(
        "raw",
        description,
        s.numColumns(),
        s.numRows(),
        pixelType,
        r.samplingFrequency(),
        null,
        props,
        r.numSamples(),
        Pace.ON_DEMAND);
  }

  @Override
  protected Optional<Frame> nextFrame(Duration timeout) throws InterruptedException {
    RawVideoReader r;
    long k;
    synchronized (this) {
      if (isClosed()) {
        return Optional.empty();
      }
      r = reader;
      k = next;
      if (k >= r.numSamples()) {
        return Optional.empty();
      }
    }
    double seconds = secondsOf(k);
    if (Pacing.fromId(config.pacing()) == Pacing.REAL_TIME && !Double.isNaN(seconds)) {
      if (k == 0) {
        pacer = Pacer.perSecond(1); // units are seconds of the recording
      }
      long wait = pacer.nanosUntil(seconds - secondsOf(0));
      if (wait > timeout.toNanos()) {
        Thread.sleep(timeout.toMillis());
        throw new DeviceTimeoutException(type(), timeout);
      }
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
    Frame f;
    try {
      f = frame(r, k, seconds);
    } catch (InternalError e) {
      // a page of the mapped file vanished: another program shortened the file under us
      FormatException changed =
          new FormatException(
              file.toString(),
              k * r.frameBytes() + r.offset(),
              "the file changed while it was being read (another program shortened or rewrote"
                  + " it); frame "
                  + k
                  + " could not be read");
      changed.initCause(e);
      throw changed;
    }
    synchronized (this) {
      next = k + 1;
      delivered++;
    }
    return Optional.of(f);
  }

  /** Time of frame {@code k} in seconds: native timestamp, else from the sampling frequency. */
  private double secondsOf(long k) {
    if (times != null) {
      return times[(int) k];
    }
    double fs = reader.samplingFrequency();
    return Double.isNaN(fs) ? Double.NaN : k / fs;
  }

  private Frame frame(RawVideoReader r, long k, double seconds) {
    VideoSamples s = r.series(k, k + 1);
    int rows = s.rows();
    int cols = s.columns();
    int n = rows * cols;
    int ch = config.channel();
    int pl = config.plane();
    Frame.Builder b =
        Frame.builder(cols, rows, pixelType)
            .index(k)
            .deviceFrameNumber(k)
            .hostMonotonicNanos(System.nanoTime())
            .wallClock(Instant.now());
    if (!Double.isNaN(seconds)) {
      b.deviceTimestampMillis(Math.round(seconds * 1000));
    }
    SampleType t = r.dtype().type();
    boolean single = s.channels() == 1 && s.planes() == 1;
    if (t == SampleType.UINT8 && single) {
      byte[] px = new byte[n];
      s.data().get(px);
      return b.adoptPixels(px).build();
    }
    if (t == SampleType.UINT16 && single) {
      short[] px = new short[n];
      s.data().asShortBuffer().get(px);
      return b.adoptPixels(px).build();
    }
    if (pixelType == PixelType.UINT8) {
      byte[] px = new byte[n];
      for (int i = 0; i < n; i++) {
        double v = s.get(0, i / cols, i % cols, pl, ch);
        px[i] = (byte) (t == SampleType.INT8 ? v + 128 : v);
      }
      return b.adoptPixels(px).build();
    }
    short[] px = new short[n];
    for (int i = 0; i < n; i++) {
      double v = s.get(0, i / cols, i % cols, pl, ch);
      px[i] = (short) toUint16(t, v);
    }
    return b.adoptPixels(px).build();
  }

  private int toUint16(SampleType t, double v) {
    return switch (t) {
      case UINT16 -> (int) v;
      case INT16 -> (int) v + 32768;
      default -> {
        double x = Math.rint((v - low) / (high - low) * 65535);
        if (Double.isNaN(x) || x < 0) {
          clipped++;
          yield 0;
        }
        if (x > 65535) {
          clipped++;
          yield 65535;
        }
        yield (int) x;
      }
    };
  }

  /** Samples of 32-bit or float data outside {@code value_range}, or NaN, clipped so far. */
  public long clippedSamples() {
    return clipped;
  }

  @Override
  public DeviceCounters counters() {
    return new DeviceCounters(delivered, 0, 0, 0, 0);
  }

  @Override
  protected synchronized void stop() {
    if (reader != null) {
      reader.close();
    }
  }
}
