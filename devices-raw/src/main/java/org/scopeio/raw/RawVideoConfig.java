package org.scopeio.raw;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.scopeio.api.ConfigType;
import org.scopeio.api.spi.DeviceOption;
import org.scopeio.core.Pacing;

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

  /** The device options: every key of this config, checked as the config's values are. */
  public static final List<DeviceOption> OPTIONS =
      List.of(
          new DeviceOption(
              "file", "path", "", "the raw video (relative to the config's folder in a config)"),
          new DeviceOption("num_rows", "1 to 65535", "", "rows per image (else the sidecar's)"),
          new DeviceOption("num_columns", "1 to 65535", "", "columns per image"),
          new DeviceOption("num_channels", "1 to 65535", "1", "channels per sample"),
          new DeviceOption("num_planes", "1 to 65535", "1", "planes per sample"),
          new DeviceOption("frame_axis", "0 to 4", "0", "file axis of the frames"),
          new DeviceOption("rows_axis", "0 to 4", "1", "file axis of the rows"),
          new DeviceOption("columns_axis", "0 to 4", "2", "file axis of the columns"),
          new DeviceOption("channel_axis", "0 to 4", "3", "file axis of the channels"),
          new DeviceOption("plane_axis", "0 to 4", "", "file axis of the planes, if any"),
          new DeviceOption(
              "dtype", "numpy dtype: uint8, <u2, >i2, <f4, ...", "", "sample type and order"),
          new DeviceOption("offset", "0 or more", "0", "header bytes before the first sample"),
          new DeviceOption("sampling_frequency", "a finite number > 0", "", "frames per second"),
          new DeviceOption("channel", "0 to num_channels - 1", "0", "channel to play"),
          new DeviceOption("plane", "0 to num_planes - 1", "0", "plane to play"),
          new DeviceOption(
              "pacing",
              "real-time or as-fast-as-possible",
              "real-time",
              "at the sampling rate, or as fast as asked"),
          new DeviceOption(
              "value_range",
              "low:high",
              "the type's range ([0, 1] for floats)",
              "values mapped to 0 and 65535 for 32-bit and float samples"));

  /** Largest image side. */
  static final int MAX_SIDE = 65535;

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
      for (int[] v :
          new int[][] {{numRows, 0}, {numColumns, 1}, {numChannels, 2}, {numPlanes, 3}}) {
        if (v[0] < 1 || v[0] > MAX_SIDE) {
          throw new IllegalArgumentException(
              "'"
                  + new String[] {"num_rows", "num_columns", "num_channels", "num_planes"}[v[1]]
                  + "' must be 1 to "
                  + MAX_SIDE
                  + ", got "
                  + v[0]);
        }
      }
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
      RawDtype d = RawDtype.parse(dtype);
      if (numRows != null) {
        long frameBytes = (long) numRows * numColumns * numChannels * numPlanes * d.type().bytes();
        if (frameBytes > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException(
              "a frame of "
                  + numRows
                  + " x "
                  + numColumns
                  + " x "
                  + numChannels
                  + " x "
                  + numPlanes
                  + " samples of "
                  + d.type().bytes()
                  + " bytes is "
                  + frameBytes
                  + " bytes; Scopeio reads frames of at most 2 GiB");
        }
      }
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
    if (samplingFrequency != null && !(samplingFrequency > 0 && samplingFrequency <= 1e6)) {
      throw new IllegalArgumentException(
          "'sampling_frequency' must be a number above 0 and at most 10^6 frames per second,"
              + " got "
              + samplingFrequency);
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
        && (valueRange.size() != 2
            || !(valueRange.get(0) < valueRange.get(1))
            || Double.isInfinite(valueRange.get(0))
            || Double.isInfinite(valueRange.get(1)))) {
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
}
