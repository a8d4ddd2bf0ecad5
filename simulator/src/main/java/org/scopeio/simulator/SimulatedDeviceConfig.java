package org.scopeio.simulator;

import java.util.Map;
import java.util.Set;
import org.scopeio.api.ConfigException;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.api.Pacing;
import org.scopeio.api.PixelType;
import org.scopeio.api.config.ConfigType;

/**
 * Config of the {@code simulated} device (model {@code simulated-device}); the packaged default is
 * {@code simulated-default}. Every key may also be given as a device option (for example {@code
 * scopeio record -O seed=7 -O frames=50}).
 *
 * @param width frame columns
 * @param height frame rows
 * @param pixelType {@code uint8} or {@code uint16}
 * @param fs frames per second
 * @param frames frames before end of data; 0 for an endless device
 * @param seed seed of the scene: the same seed gives the same pixels
 * @param neurons number of simulated neurons
 * @param background background level in electrons
 * @param readNoise read noise in electrons
 * @param motionJitter largest motion displacement in pixels
 * @param spikeRate spikes per neuron per second
 * @param pacing {@code real-time} or {@code as-fast-as-possible}
 * @param bufferPixels pixels per device buffer (the frame is sent as buffers, each with a header)
 * @param queueSize frames held between the acquisition thread and the reader (real time only)
 * @param overflow {@code block}, {@code drop-newest} or {@code drop-oldest} when the queue is full
 * @param headerFormat id or path of the buffer header format of the frames
 * @param firstFrameNumber the device frame counter of the first frame
 */
public record SimulatedDeviceConfig(
    Integer width,
    Integer height,
    String pixelType,
    Double fs,
    Long frames,
    Long seed,
    Integer neurons,
    Double background,
    Double readNoise,
    Double motionJitter,
    Double spikeRate,
    String pacing,
    Integer bufferPixels,
    Integer queueSize,
    String overflow,
    String headerFormat,
    Long firstFrameNumber) {

  /** The config type, model {@code simulated-device}. */
  public static final ConfigType<SimulatedDeviceConfig> TYPE =
      ConfigType.bound("simulated-device", SimulatedDeviceConfig.class, Set.of(), Set.of());

  /** Id of the packaged default config. */
  public static final String DEFAULT_ID = "simulated-default";

  public SimulatedDeviceConfig {
    width = orDefault(width, 200);
    height = orDefault(height, 200);
    pixelType = orDefault(pixelType, "uint8");
    fs = orDefault(fs, 20.0);
    frames = orDefault(frames, 0L);
    seed = orDefault(seed, 1L);
    neurons = orDefault(neurons, 30);
    background = orDefault(background, 60.0);
    readNoise = orDefault(readNoise, 2.0);
    motionJitter = orDefault(motionJitter, 1.0);
    spikeRate = orDefault(spikeRate, 0.5);
    pacing = orDefault(pacing, "real-time");
    bufferPixels = orDefault(bufferPixels, 5032);
    queueSize = orDefault(queueSize, 64);
    overflow = orDefault(overflow, "drop-newest");
    headerFormat = orDefault(headerFormat, "stream-buffer-header");
    firstFrameNumber = orDefault(firstFrameNumber, 0L);
    PixelType.fromId(pixelType);
    Pacing.fromId(pacing);
    OverflowPolicy.fromId(overflow);
    if (frames < 0) {
      throw new IllegalArgumentException("frames must be >= 0 (0 = endless), got " + frames);
    }
    if (bufferPixels < 1) {
      throw new IllegalArgumentException("buffer_pixels must be >= 1, got " + bufferPixels);
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException("queue_size must be >= 1, got " + queueSize);
    }
    if (firstFrameNumber < 0 || firstFrameNumber > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "first_frame_number must be an unsigned 32-bit value, got " + firstFrameNumber);
    }
  }

  /** This config with device options applied (keys as in the YAML file). */
  public SimulatedDeviceConfig withOptions(Map<String, String> options) {
    Map<String, String> o = options;
    try {
      return new SimulatedDeviceConfig(
          intOpt(o, "width", width),
          intOpt(o, "height", height),
          o.getOrDefault("pixel_type", pixelType),
          o.containsKey("fs") ? Double.valueOf(o.get("fs")) : fs,
          longOpt(o, "frames", frames),
          longOpt(o, "seed", seed),
          intOpt(o, "neurons", neurons),
          o.containsKey("background") ? Double.valueOf(o.get("background")) : background,
          o.containsKey("read_noise") ? Double.valueOf(o.get("read_noise")) : readNoise,
          o.containsKey("motion_jitter") ? Double.valueOf(o.get("motion_jitter")) : motionJitter,
          o.containsKey("spike_rate") ? Double.valueOf(o.get("spike_rate")) : spikeRate,
          o.getOrDefault("pacing", pacing),
          intOpt(o, "buffer_pixels", bufferPixels),
          intOpt(o, "queue_size", queueSize),
          o.getOrDefault("overflow", overflow),
          o.getOrDefault("header_format", headerFormat),
          longOpt(o, "first_frame_number", firstFrameNumber));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("device 'simulated' options", null, e.getMessage(), e);
    }
  }

  /** Option keys accepted by {@link #withOptions}. */
  public static final Set<String> OPTION_KEYS =
      Set.of(
          "width",
          "height",
          "pixel_type",
          "fs",
          "frames",
          "seed",
          "neurons",
          "background",
          "read_noise",
          "motion_jitter",
          "spike_rate",
          "pacing",
          "buffer_pixels",
          "queue_size",
          "overflow",
          "header_format",
          "first_frame_number");

  public SceneConfig scene() {
    return new SceneConfig(
        width,
        height,
        PixelType.fromId(pixelType),
        fs,
        seed,
        neurons,
        background,
        readNoise,
        motionJitter,
        spikeRate);
  }

  private static <T> T orDefault(T value, T dflt) {
    return value == null ? dflt : value;
  }

  private static Integer intOpt(Map<String, String> o, String key, Integer dflt) {
    return o.containsKey(key) ? Integer.valueOf(o.get(key).trim()) : dflt;
  }

  private static Long longOpt(Map<String, String> o, String key, Long dflt) {
    return o.containsKey(key) ? Long.valueOf(o.get(key).trim()) : dflt;
  }
}
