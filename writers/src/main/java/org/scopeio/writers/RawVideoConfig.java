package org.scopeio.writers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scopeio.api.ConfigException;
import org.scopeio.api.Pacing;
import org.scopeio.api.config.ConfigType;

/**
 * Config of the {@code raw} device (model {@code raw-video}): a raw video file and, unless it has
 * our raw writer's sidecar, its structure, with roiextractors' key names:
 *
 * <pre>{@code
 * id: my-scope-raw
 * model: raw-video
 * version: 0.1.0
 * file: session1.bin        # relative to this YAML's folder unless absolute
 * num_rows: 600
 * num_columns: 600
 * num_channels: 1
 * frame_axis: 0
 * rows_axis: 1
 * columns_axis: 2
 * channel_axis: 3
 * dtype: <u2                # numpy dtype string
 * offset: 0                 # header bytes
 * sampling_frequency: 30.0  # Hz
 * }</pre>
 *
 * Playback keys: {@code channel} and {@code plane} (which one to play, default 0), {@code pacing}
 * ({@code real-time}, the default, or {@code as-fast-as-possible}) and {@code value_range} ([low,
 * high], the values mapped to 0 and 65535 for 32-bit and floating-point data). Every key may also
 * be given as a device option ({@code -O file=run1.raw -O pacing=as-fast-as-possible}).
 *
 * @param file the raw file
 * @param numRows rows per image; {@code null} to read the structure from the file's sidecar
 * @param numColumns columns per image
 * @param numChannels channels per sample
 * @param numPlanes planes per sample
 * @param frameAxis file axis of the frames
 * @param rowsAxis file axis of the rows
 * @param columnsAxis file axis of the columns
 * @param channelAxis file axis of the channels
 * @param planeAxis file axis of the planes; {@code null} without planes
 * @param dtype numpy dtype string
 * @param offset header bytes before the first sample
 * @param samplingFrequency frames per second; {@code null} if unknown
 * @param channel channel to play
 * @param plane plane to play
 * @param pacing {@code real-time} or {@code as-fast-as-possible}
 * @param valueRange values mapped to 0 and 65535 for 32-bit and float data
 */
public record RawVideoConfig(
    String file,
    Integer numRows,
    Integer numColumns,
    Integer numChannels,
    Integer numPlanes,
    Integer frameAxis,
    Integer rowsAxis,
    Integer columnsAxis,
    Integer channelAxis,
    Integer planeAxis,
    String dtype,
    Long offset,
    Double samplingFrequency,
    Integer channel,
    Integer plane,
    String pacing,
    List<Double> valueRange) {

  /** The config type, model {@code raw-video}. */
  public static final ConfigType<RawVideoConfig> TYPE =
      ConfigType.bound("raw-video", RawVideoConfig.class, Set.of(), Set.of());

  /** Keys accepted as device options. */
  public static final Set<String> OPTION_KEYS =
      Set.of(
          "file",
          "num_rows",
          "num_columns",
          "num_channels",
          "num_planes",
          "frame_axis",
          "rows_axis",
          "columns_axis",
          "channel_axis",
          "plane_axis",
          "dtype",
          "offset",
          "sampling_frequency",
          "channel",
          "plane",
          "pacing",
          "value_range");

  public RawVideoConfig {
    numChannels = numChannels == null ? 1 : numChannels;
    numPlanes = numPlanes == null ? 1 : numPlanes;
    frameAxis = frameAxis == null ? 0 : frameAxis;
    rowsAxis = rowsAxis == null ? 1 : rowsAxis;
    columnsAxis = columnsAxis == null ? 2 : columnsAxis;
    channelAxis = channelAxis == null ? 3 : channelAxis;
    offset = offset == null ? 0L : offset;
    channel = channel == null ? 0 : channel;
    plane = plane == null ? 0 : plane;
    pacing = pacing == null ? "real-time" : pacing;
    valueRange = valueRange == null ? null : List.copyOf(valueRange);
    Pacing.fromId(pacing);
    if ((numRows == null) != (numColumns == null)) {
      throw new IllegalArgumentException("give num_rows and num_columns together");
    }
    if (numRows != null) {
      structureOf( // validates the axes (the fields are not assigned yet)
          numRows,
          numColumns,
          numChannels,
          numPlanes,
          frameAxis,
          rowsAxis,
          columnsAxis,
          channelAxis,
          planeAxis);
      if (dtype == null) {
        throw new IllegalArgumentException("dtype is needed with num_rows and num_columns");
      }
    }
    if (dtype != null) {
      RawDtype.parse(dtype);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
    if (samplingFrequency != null && !(samplingFrequency > 0)) {
      throw new IllegalArgumentException(
          "sampling_frequency must be positive, got " + samplingFrequency);
    }
    if (channel < 0 || channel >= numChannels) {
      throw new IllegalArgumentException(
          "channel " + channel + " does not exist; num_channels is " + numChannels);
    }
    if (plane < 0 || plane >= numPlanes) {
      throw new IllegalArgumentException(
          "plane " + plane + " does not exist; num_planes is " + numPlanes);
    }
    if (valueRange != null
        && (valueRange.size() != 2 || !(valueRange.get(0) < valueRange.get(1)))) {
      throw new IllegalArgumentException(
          "value_range must be [low, high] with low < high, got " + valueRange);
    }
  }

  /** Whether the structure is given here (else it comes from the file's sidecar). */
  public boolean hasStructure() {
    return numRows != null;
  }

  /** The structure given here. */
  public VideoStructure structure() {
    return structureOf(
        numRows,
        numColumns,
        numChannels,
        numPlanes,
        frameAxis,
        rowsAxis,
        columnsAxis,
        channelAxis,
        planeAxis);
  }

  private static VideoStructure structureOf(
      int rows,
      int columns,
      int channels,
      int planes,
      int frameAxis,
      int rowsAxis,
      int columnsAxis,
      int channelAxis,
      Integer planeAxis) {
    return new VideoStructure(
        rows,
        columns,
        channels,
        planes,
        frameAxis,
        rowsAxis,
        columnsAxis,
        channelAxis,
        planeAxis == null ? -1 : planeAxis);
  }

  /** The file, resolved against {@code base} (the config's folder) if relative. */
  public Path resolveFile(Path base) {
    if (file == null) {
      throw new IllegalArgumentException("file is needed: the raw video to play");
    }
    Path p = Path.of(file);
    return base == null || p.isAbsolute() ? p : base.resolve(p);
  }

  /**
   * This config with device options applied (keys as in the YAML file).
   *
   * @throws ConfigException naming the bad option
   */
  public RawVideoConfig withOptions(Map<String, String> o) {
    try {
      return new RawVideoConfig(
          o.getOrDefault("file", file),
          intOpt(o, "num_rows", numRows),
          intOpt(o, "num_columns", numColumns),
          intOpt(o, "num_channels", numChannels),
          intOpt(o, "num_planes", numPlanes),
          intOpt(o, "frame_axis", frameAxis),
          intOpt(o, "rows_axis", rowsAxis),
          intOpt(o, "columns_axis", columnsAxis),
          intOpt(o, "channel_axis", channelAxis),
          intOpt(o, "plane_axis", planeAxis),
          o.getOrDefault("dtype", dtype),
          o.containsKey("offset") ? Long.valueOf(o.get("offset").trim()) : offset,
          o.containsKey("sampling_frequency")
              ? Double.valueOf(o.get("sampling_frequency").trim())
              : samplingFrequency,
          intOpt(o, "channel", channel),
          intOpt(o, "plane", plane),
          o.getOrDefault("pacing", pacing),
          o.containsKey("value_range") ? range(o.get("value_range")) : valueRange);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("device 'raw' options", null, e.getMessage(), e);
    }
  }

  private static Integer intOpt(Map<String, String> o, String key, Integer fallback) {
    return o.containsKey(key) ? Integer.valueOf(o.get(key).trim()) : fallback;
  }

  /** {@code low:high}. */
  private static List<Double> range(String s) {
    String[] parts = s.split(":");
    if (parts.length != 2) {
      throw new IllegalArgumentException("value_range must be written low:high, got '" + s + "'");
    }
    return List.of(Double.valueOf(parts[0].trim()), Double.valueOf(parts[1].trim()));
  }
}
