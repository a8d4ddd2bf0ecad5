package org.scopeio.simulator;

import java.util.List;
import java.util.Set;
import org.scopeio.api.ConfigType;
import org.scopeio.api.OverflowPolicy;
import org.scopeio.api.PixelType;
import org.scopeio.api.spi.DeviceOption;
import org.scopeio.core.EnumIds;
import org.scopeio.core.Pacing;

/**
 * Config of the {@code simulated} device (model {@code simulated-device}); the packaged default is
 * {@code simulated-default}. Every key may also be given as a device option (for example {@code
 * scopeio record -O seed=7 -O frames=50}), checked as the config's own values are: every size is
 * bounded, so no value can make the simulator allocate without limit.
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

  /** Largest frame side the simulator renders (a 4096 x 4096 frame is 16 M pixels). */
  public static final int MAX_SIDE = 4096;

  /** Most neurons the simulator renders. */
  public static final int MAX_NEURONS = 10_000;

  /** Most frames the hand-off queue holds. */
  public static final int MAX_QUEUE = 1024;

  /** Most memory the frames held in the queue may take. */
  public static final long MAX_QUEUE_BYTES = 1L << 30;

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
    within("width", width, 1, MAX_SIDE);
    within("height", height, 1, MAX_SIDE);
    PixelType type = PixelType.fromId(pixelType);
    within("fs", fs, 0.001, 100_000);
    within("frames", frames, 0, 1_000_000_000L);
    within("neurons", neurons, 0, MAX_NEURONS);
    within("background", background, 0, 1e6);
    within("read_noise", readNoise, 0, 1e4);
    within("motion_jitter", motionJitter, 0, 100);
    within("spike_rate", spikeRate, 0, 1000);
    Pacing.fromId(pacing);
    within("buffer_pixels", bufferPixels, 1, 1 << 24);
    within("queue_size", queueSize, 1, MAX_QUEUE);
    long frameBytes = (long) width * height * type.bytes();
    if (queueSize * frameBytes > MAX_QUEUE_BYTES) {
      throw new IllegalArgumentException(
          "queue_size "
              + queueSize
              + " frames of "
              + frameBytes
              + " bytes would hold more than 1 GiB; use at most "
              + Math.max(1, MAX_QUEUE_BYTES / frameBytes));
    }
    EnumIds.parse(OverflowPolicy.class, overflow, "overflow policy");
    within("first_frame_number", firstFrameNumber, 0, 0xFFFF_FFFFL);
  }

  private static void within(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "'" + key + "' must be " + min + " to " + max + ", got " + value);
    }
  }

  private static void within(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          "'" + key + "' must be a number from " + min + " to " + max + ", got " + value);
    }
  }

  /** The options of the {@code simulated} device: every key of this config. */
  public static final List<DeviceOption> OPTIONS =
      List.of(
          new DeviceOption("width", "1 to " + MAX_SIDE, "200", "frame columns"),
          new DeviceOption("height", "1 to " + MAX_SIDE, "200", "frame rows"),
          new DeviceOption("pixel_type", "uint8 or uint16", "uint8", "pixel storage"),
          new DeviceOption("fs", "0.001 to 100000", "20", "frames per second"),
          new DeviceOption(
              "frames",
              "0 to 10^9",
              "200 in simulated-default",
              "frames before the end of data; 0 for endless (--frames and --duration set it)"),
          new DeviceOption("seed", "any whole number", "1", "the same seed gives the same pixels"),
          new DeviceOption("neurons", "0 to " + MAX_NEURONS, "30", "simulated neurons"),
          new DeviceOption("background", "0 to 10^6", "60", "background, electrons"),
          new DeviceOption("read_noise", "0 to 10^4", "2", "read noise, electrons"),
          new DeviceOption("motion_jitter", "0 to 100", "1", "largest motion, pixels"),
          new DeviceOption("spike_rate", "0 to 1000", "0.5", "spikes per neuron per second"),
          new DeviceOption(
              "pacing",
              "real-time or as-fast-as-possible",
              "real-time",
              "at the frame rate from a thread of its own, or as fast as asked"),
          new DeviceOption(
              "buffer_pixels",
              "1 to 16777216",
              "5032",
              "pixels per device buffer (one header each)"),
          new DeviceOption(
              "queue_size",
              "1 to " + MAX_QUEUE + " (at most 1 GiB of frames)",
              "64",
              "frames held for a slow reader (real time)"),
          new DeviceOption(
              "overflow",
              "block, drop-newest or drop-oldest",
              "drop-newest",
              "what a full queue does"),
          new DeviceOption(
              "header_format",
              "config id or path",
              "stream-buffer-header",
              "buffer header format of the frames"),
          new DeviceOption(
              "first_frame_number", "0 to 2^32-1", "0", "device frame counter of the first frame"));

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
}
