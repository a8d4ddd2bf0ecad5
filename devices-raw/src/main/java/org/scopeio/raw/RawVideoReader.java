package org.scopeio.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.scopeio.api.FormatException;
import org.scopeio.api.ScopeioException;
import org.scopeio.raw.internal.MappedWindows;

/**
 * Reads raw binary video (a header of {@code offset} bytes, then samples of one {@link RawDtype} in
 * the axis order a {@link VideoStructure} gives) through memory-mapped windows, so files of any
 * size are read without loading them; in the spirit of roiextractors' {@code
 * NumpyMemmapImagingExtractor}.
 *
 * <p>The number of samples (frames) follows from the file size. Bytes after the last whole frame
 * are reported by {@link #partialFrameBytes()}, never silently ignored; in a file whose frame axis
 * is not the first they make the layout ambiguous and are an error. {@link #series} returns frames
 * in (time, rows, columns[, planes], channels) order whatever the file's order, copying only when
 * the order differs.
 *
 * <p>{@link #open(Path)} reads files of our {@link RawWriter} with their {@code .raw.json} sidecar,
 * which also gives {@link #nativeTimestamps()}. Thread-safe for concurrent reads.
 */
public final class RawVideoReader implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WINDOW_SHIFT = 30;

  private final Path path;
  private final FileChannel channel;
  private final MappedWindows windows;
  private final VideoStructure structure;
  private final RawDtype dtype;
  private final long offset;
  private final double samplingFrequency;
  private final long numSamples;
  private final long partialFrameBytes;
  private final long[] strides;

  /** Set once, before the reader is handed out, from a checked sidecar. */
  private double[] timestamps;

  private RawVideoReader(
      Path path,
      FileChannel channel,
      VideoStructure structure,
      RawDtype dtype,
      long offset,
      double samplingFrequency,
      double[] timestamps,
      int windowShift)
      throws IOException {
    this.path = path;
    this.channel = channel;
    this.structure = structure;
    this.dtype = dtype;
    this.offset = offset;
    this.samplingFrequency = samplingFrequency;
    long size = channel.size();
    if (offset < 0 || offset > size) {
      throw new FormatException(
          path.toString(),
          0,
          "a header of " + offset + " bytes, but the file has only " + size + " bytes");
    }
    long frameBytes = structure.frameSamples() * dtype.type().bytes();
    this.numSamples = (size - offset) / frameBytes;
    this.partialFrameBytes = (size - offset) % frameBytes;
    if (partialFrameBytes != 0 && structure.frameAxis() != 0) {
      throw new FormatException(
          path.toString(),
          offset,
          (size - offset)
              + " bytes of samples are not a whole number of frames of "
              + frameBytes
              + " bytes; with frame_axis "
              + structure.frameAxis()
              + " (not 0) the layout of a cut file is ambiguous");
    }
    long[] shape = structure.fileShape(numSamples);
    this.strides = new long[shape.length];
    long s = 1;
    for (int a = shape.length - 1; a >= 0; a--) {
      strides[a] = s;
      s *= shape[a];
    }
    this.windows = size == 0 ? null : new MappedWindows(channel, size, windowShift);
    this.timestamps = timestamps != null && timestamps.length == numSamples ? timestamps : null;
  }

  /**
   * Opens a raw video file with an explicit structure.
   *
   * @param offset bytes of header before the first sample
   * @param samplingFrequency frames per second, or NaN if unknown
   * @throws FormatException if the file cannot hold this structure
   * @throws ScopeioException if the file cannot be read
   */
  public static RawVideoReader open(
      Path file, VideoStructure structure, RawDtype dtype, long offset, double samplingFrequency) {
    return open(file, structure, dtype, offset, samplingFrequency, null, WINDOW_SHIFT);
  }

  static RawVideoReader open(
      Path file,
      VideoStructure structure,
      RawDtype dtype,
      long offset,
      double samplingFrequency,
      double[] timestamps,
      int windowShift) {
    if (!Files.exists(file)) {
      throw new ScopeioException(file + ": no such raw video file");
    }
    if (!Files.isRegularFile(file)) {
      throw new ScopeioException(
          file
              + ": is "
              + (Files.isDirectory(file) ? "a folder" : "not a regular file (a pipe or a device?)")
              + "; raw video is read from a file, which it maps into memory");
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new ScopeioException(file + ": permission denied", e);
    } catch (IOException e) {
      throw new ScopeioException(file + ": cannot open: " + e.getMessage(), e);
    }
    try {
      return new RawVideoReader(
          file, ch, structure, dtype, offset, samplingFrequency, timestamps, windowShift);
    } catch (IOException | RuntimeException e) {
      try {
        ch.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new ScopeioException("cannot read raw video " + file + ": " + e, e);
    }
  }

  /** The sidecar our raw writer puts next to {@code raw}, if it exists. */
  public static Optional<Path> findSidecar(Path raw) {
    Path json = raw.resolveSibling(raw.getFileName() + ".json");
    return Files.isRegularFile(json) ? Optional.of(json) : Optional.empty();
  }

  /**
   * Opens a file written by our {@link RawWriter}, described by its sidecar {@code <file>.json}.
   *
   * @throws FormatException if the sidecar is missing or not ours
   */
  public static RawVideoReader open(Path raw) {
    if (!Files.exists(raw)) {
      throw new ScopeioException(raw + ": no such raw video file");
    }
    Path json =
        findSidecar(raw)
            .orElseThrow(
                () ->
                    new FormatException(
                        raw.toString(),
                        FormatException.UNKNOWN_OFFSET,
                        "no sidecar "
                            + raw.getFileName()
                            + ".json next to it; give the structure (num_rows, num_columns,"
                            + " dtype, ...) in a raw-video config"));
    JsonNode meta;
    try {
      meta = JSON.readTree(json.toFile());
    } catch (IOException e) {
      throw new FormatException(
          json.toString(), FormatException.UNKNOWN_OFFSET, "not readable JSON: " + e.getMessage());
    }
    if (!"scopeio-raw".equals(meta.path("format").asText())) {
      throw new FormatException(
          json.toString(),
          FormatException.UNKNOWN_OFFSET,
          "\"format\" is not \"scopeio-raw\"; not a sidecar of Scopeio's raw writer");
    }
    int width = requiredInt(json, meta, "width");
    int height = requiredInt(json, meta, "height");
    String pixelType = meta.path("pixel_type").asText();
    SampleType type =
        switch (pixelType) {
          case "uint8" -> SampleType.UINT8;
          case "uint16" -> SampleType.UINT16;
          default ->
              throw sidecar(json, "pixel_type is '" + pixelType + "'; expected uint8 or uint16");
        };
    String byteOrder = meta.has("byte_order") ? meta.get("byte_order").asText() : "little";
    ByteOrder order =
        switch (byteOrder) {
          case "little" -> ByteOrder.LITTLE_ENDIAN;
          case "big" -> ByteOrder.BIG_ENDIAN;
          default ->
              throw sidecar(json, "byte_order is '" + byteOrder + "'; expected little or big");
        };
    JsonNode offsetNode = meta.get("offset");
    long offset = 0;
    if (offsetNode != null) {
      if (!offsetNode.isIntegralNumber() || offsetNode.asLong() < 0) {
        throw sidecar(json, "\"offset\" must be a whole number of bytes >= 0, got " + offsetNode);
      }
      offset = offsetNode.asLong();
    }
    JsonNode rate = meta.get("frame_rate");
    double fs = Double.NaN;
    if (rate != null && !rate.isNull()) {
      if (!rate.isNumber() || !(rate.asDouble() > 0) || Double.isInfinite(rate.asDouble())) {
        throw sidecar(json, "\"frame_rate\" must be a positive number or null, got " + rate);
      }
      fs = rate.asDouble();
    }
    RawVideoReader reader =
        open(
            raw,
            VideoStructure.framesFirst(height, width, 1),
            new RawDtype(type, order),
            offset,
            fs,
            null,
            WINDOW_SHIFT);
    JsonNode list = meta.path("timestamps");
    if (list.isMissingNode() || list.isNull() || (list.isArray() && list.isEmpty())) {
      return reader;
    }
    try {
      if (!list.isArray() || list.size() != reader.numSamples()) {
        throw sidecar(
            json,
            "\"timestamps\" lists "
                + (list.isArray() ? list.size() + " frames" : "no array")
                + " but the file holds "
                + reader.numSamples()
                + "; each frame needs its own, or leave them out");
      }
      reader.timestamps = timestamps(json, list);
      return reader;
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private static FormatException sidecar(Path json, String what) {
    return new FormatException(json.toString(), FormatException.UNKNOWN_OFFSET, what);
  }

  private static int requiredInt(Path json, JsonNode meta, String field) {
    JsonNode n = meta.get(field);
    if (n == null
        || !n.isIntegralNumber()
        || !n.canConvertToInt()
        || n.asInt() <= 0
        || n.asInt() > RawVideoConfig.MAX_SIDE) {
      throw sidecar(
          json,
          "\""
              + field
              + "\" must be a whole number from 1 to "
              + RawVideoConfig.MAX_SIDE
              + ", got "
              + n);
    }
    return n.asInt();
  }

  /**
   * Seconds from the sidecar's timestamps: the device clock if every frame has one, else the
   * host's; every entry needs a number for the one used.
   */
  private static double[] timestamps(Path json, JsonNode list) {
    double[] device = new double[list.size()];
    double[] host = new double[list.size()];
    boolean allDevice = true;
    for (int i = 0; i < list.size(); i++) {
      JsonNode d = list.get(i).path("device_timestamp_ms");
      allDevice &= d.isNumber() && Double.isFinite(d.asDouble());
    }
    long host0 = list.get(0).path("host_monotonic_ns").asLong();
    for (int i = 0; i < list.size(); i++) {
      JsonNode t = list.get(i);
      if (allDevice) {
        device[i] = t.get("device_timestamp_ms").asDouble() / 1e3;
      } else {
        JsonNode h = t.path("host_monotonic_ns");
        if (!h.isIntegralNumber()) {
          throw sidecar(
              json,
              "timestamps["
                  + i
                  + "] has neither a device_timestamp_ms for every frame nor a whole"
                  + " host_monotonic_ns");
        }
        host[i] = (h.asLong() - host0) / 1e9;
      }
    }
    return allDevice ? device : host;
  }

  /** The file. */
  public Path path() {
    return path;
  }

  public VideoStructure structure() {
    return structure;
  }

  public RawDtype dtype() {
    return dtype;
  }

  /** Bytes of header before the first sample. */
  public long offset() {
    return offset;
  }

  /** Frames per second, or NaN if unknown. */
  public double samplingFrequency() {
    return samplingFrequency;
  }

  /** (rows, columns). */
  public int[] imageShape() {
    return new int[] {structure.numRows(), structure.numColumns()};
  }

  /** Whole frames in the file. */
  public long numSamples() {
    return numSamples;
  }

  /** Bytes after the last whole frame (a frame cut short); 0 for a complete file. */
  public long partialFrameBytes() {
    return partialFrameBytes;
  }

  /** Bytes of one frame. */
  public long frameBytes() {
    return structure.frameSamples() * dtype.type().bytes();
  }

  /** (samples, rows, columns, channels), or (samples, rows, columns, planes, channels). */
  public long[] volumeShape() {
    VideoStructure s = structure;
    return s.planeAxis() < 0
        ? new long[] {numSamples, s.numRows(), s.numColumns(), s.numChannels()}
        : new long[] {numSamples, s.numRows(), s.numColumns(), s.numPlanes(), s.numChannels()};
  }

  /**
   * The times of the frames in seconds, from the sidecar of our raw writer (the device's clock when
   * every frame has a device timestamp, else the host's, from the first frame); {@code null} when
   * there is no sidecar or it does not give one time per frame.
   */
  public double[] nativeTimestamps() {
    return timestamps == null ? null : timestamps.clone();
  }

  /**
   * Frames {@code start} (inclusive) to {@code end} (exclusive) in (time, rows, columns[, planes],
   * channels) order.
   *
   * @throws IndexOutOfBoundsException if the range is not within [0, numSamples]
   * @throws IllegalArgumentException if the range holds more than 2 GiB (read it in parts)
   */
  public VideoSamples series(long start, long end) {
    if (start < 0 || end < start || end > numSamples) {
      throw new IndexOutOfBoundsException(
          "frames " + start + " to " + end + " of " + path + ", which has " + numSamples);
    }
    long bytes = (end - start) * frameBytes();
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "frames "
              + start
              + " to "
              + end
              + " are "
              + bytes
              + " bytes; read at most "
              + (Integer.MAX_VALUE - 8) / frameBytes()
              + " frames at a time");
    }
    VideoStructure s = structure;
    int n = (int) (end - start);
    ByteBuffer data;
    if (bytes == 0) {
      data = ByteBuffer.allocate(0);
    } else if (s.isTimeRowsColumnsOrder()) {
      data = windows.slice(offset + start * frameBytes(), (int) bytes); // no copy
    } else {
      data = reorder(start, n, (int) bytes);
    }
    return new VideoSamples(
        data,
        dtype,
        n,
        s.numRows(),
        s.numColumns(),
        s.numPlanes(),
        s.numChannels(),
        s.planeAxis() >= 0);
  }

  private ByteBuffer reorder(long start, int frames, int bytes) {
    VideoStructure s = structure;
    int b = dtype.type().bytes();
    long sT = strides[s.frameAxis()];
    long sR = strides[s.rowsAxis()];
    long sC = strides[s.columnsAxis()];
    long sCh = strides[s.channelAxis()];
    long sP = s.planeAxis() < 0 ? 0 : strides[s.planeAxis()];
    ByteBuffer out = ByteBuffer.allocate(bytes);
    int at = 0;
    for (long t = start; t < start + frames; t++) {
      for (int r = 0; r < s.numRows(); r++) {
        for (int c = 0; c < s.numColumns(); c++) {
          long base = t * sT + r * sR + c * sC;
          for (int p = 0; p < s.numPlanes(); p++) {
            for (int ch = 0; ch < s.numChannels(); ch++) {
              windows.copySample(offset + (base + p * sP + ch * sCh) * b, b, out, at);
              at += b;
            }
          }
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new ScopeioException("cannot close " + path + ": " + e, e);
    }
  }
}
