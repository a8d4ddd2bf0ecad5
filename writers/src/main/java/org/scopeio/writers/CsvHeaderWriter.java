package org.scopeio.writers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.BufferRuntime;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.Gap;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;
import org.scopeio.core.OutputFiles;
import org.scopeio.writers.internal.FrameChecks;
import org.scopeio.writers.internal.PythonFloat;
import org.scopeio.writers.internal.WriterSettings;

/**
 * Writes buffer headers to {@code <stem>.csv}, one row per buffer header, as mio does
 * (docs/formats.md §4.12): the header format's fields in word-index order, then the runtime columns
 * {@code buffer_recv_index, buffer_recv_unix_time, black_padding_px, reconstructed_frame_index}
 * (for {@code stream-buffer-header} these are mio's 15 columns in mio's order), then Scopeio's
 * {@link #CHECK_COLUMNS} {@code suspect_px, recovered} (pixels of the buffer decoded after a bit
 * slip inside them; 1 for a buffer recovered after its preamble was lost). {@code -W
 * csv.columns=mio} leaves Scopeio's columns out, for files that compare byte for byte with mio's.
 * Python {@code csv} conventions: comma separator, rows ending in CRLF, floats in Python's shortest
 * form.
 *
 * <p>{@code reconstructed_frame_index} is the frame's position among the frames written by this
 * recording (its index in a video of the same recording). Frames from devices without buffer
 * headers get one row each with the frame-level columns {@link #FRAME_COLUMNS}.
 *
 * <p>Rows are flushed after every frame, so a crash loses at most the frame in flight.
 */
public final class CsvHeaderWriter implements FrameWriter {
  public static final String EXTENSION = ".csv";

  /** Runtime columns after the header fields (mio's runtime metadata). */
  public static final List<String> RUNTIME_COLUMNS =
      List.of(
          "buffer_recv_index",
          "buffer_recv_unix_time",
          "black_padding_px",
          "reconstructed_frame_index");

  /** Scopeio's per-buffer checks, after mio's columns (unless {@code csv.columns=mio}). */
  public static final List<String> CHECK_COLUMNS = List.of("suspect_px", "recovered");

  /** The {@code csv.columns} setting: which columns to write. */
  public static final String COLUMNS_SETTING = "columns";

  /** Columns for frames without buffer headers. */
  public static final List<String> FRAME_COLUMNS =
      List.of(
          "reconstructed_frame_index",
          "frame_index",
          "device_frame_number",
          "device_timestamp_ms",
          "host_monotonic_ns",
          "wall_clock_unix_time",
          "missing_buffers",
          "padded_pixels",
          "suspect_pixels");

  private Path path;
  private BufferedWriter out;
  private BufferHeaderFormat format;
  private DeviceInfo info;
  private List<String> fields;
  private long framesWritten;
  private long gaps;
  private long droppedFramesPending;
  private boolean checkColumns;
  private boolean closed;
  private final StringBuilder row = new StringBuilder(256);

  @Override
  public void check(WriterOptions options) {
    WriterSettings settings = WriterSettings.of("csv", options, Set.of(COLUMNS_SETTING));
    settings.sync();
    settings.choice(COLUMNS_SETTING, List.of("scopeio", "mio"), "scopeio");
  }

  @Override
  public void open(Path stem, DeviceInfo info, WriterOptions options) {
    if (out != null) {
      throw new IllegalStateException("CSV writer is already open");
    }
    WriterSettings settings = WriterSettings.of("csv", options, Set.of(COLUMNS_SETTING));
    checkColumns =
        settings.choice(COLUMNS_SETTING, List.of("scopeio", "mio"), "scopeio").equals("scopeio");
    path = OutputFiles.withSuffix(stem, EXTENSION);
    OutputFiles.prepare(path, options);
    this.info = info;
    format = info.headerFormat();
    List<String> columns = new ArrayList<>();
    if (format != null) {
      fields = format.fieldsByIndex();
      columns.addAll(fields);
      columns.addAll(RUNTIME_COLUMNS);
      if (checkColumns) {
        columns.addAll(CHECK_COLUMNS);
      }
    } else {
      fields = List.of();
      columns.addAll(FRAME_COLUMNS);
    }
    try {
      out =
          new BufferedWriter(
              new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 16);
      out.write(String.join(",", columns));
      out.write("\r\n");
      out.flush();
    } catch (IOException e) {
      throw new WriteException(path, WriteException.NO_FRAME, "cannot create", e);
    }
  }

  @Override
  public void write(Frame frame) {
    if (out == null || closed) {
      throw new IllegalStateException("CSV writer is not open");
    }
    FrameChecks.requireMatches(path, info, frame);
    try {
      if (format == null) {
        row.setLength(0);
        row.append(framesWritten).append(',').append(frame.index()).append(',');
        frame.deviceFrameNumber().ifPresent(row::append);
        row.append(',');
        frame.deviceTimestampMillis().ifPresent(row::append);
        row.append(',').append(frame.hostMonotonicNanos()).append(',');
        row.append(
            PythonFloat.repr(
                frame.wallClock().getEpochSecond() + frame.wallClock().getNano() / 1e9));
        row.append(',').append(frame.integrity().missingBuffers());
        row.append(',').append(frame.integrity().paddedPixels());
        row.append(',').append(frame.integrity().suspectPixels()).append("\r\n");
        out.append(row);
      } else {
        for (BufferHeader h : frame.headers()) {
          row(h, framesWritten);
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new WriteException(path, frame.index(), "cannot write", e);
    }
    framesWritten++;
  }

  /** Rows for the buffers of dropped frames, with {@code reconstructed_frame_index} -1. */
  private void dropped(List<BufferHeader> headers) {
    if (out == null || closed || format == null || headers.isEmpty()) {
      return;
    }
    try {
      for (BufferHeader h : headers) {
        row(h, -1);
      }
      out.flush();
      droppedFramesPending += headers.stream().mapToLong(BufferHeader::frameNum).distinct().count();
    } catch (IOException e) {
      throw new WriteException(path, WriteException.NO_FRAME, "cannot write", e);
    }
  }

  /**
   * Lists lost frames: the buffers that arrived for them get a row each, with {@code
   * reconstructed_frame_index} -1; every other lost frame gets one row with {@code
   * reconstructed_frame_index} -1 and empty fields (in header mode the runtime columns say -1, "not
   * recorded"), so the CSV shows where each lost frame was.
   */
  @Override
  public void gap(Gap gap) {
    dropped(gap.headers());
    long count = gap.frames();
    if (count <= 0) {
      return;
    }
    gaps += count;
    long withoutRows = Math.max(0, count - droppedFramesPending);
    droppedFramesPending = 0;
    if (out == null || closed) {
      return;
    }
    try {
      for (long i = 0; i < withoutRows; i++) {
        row.setLength(0);
        if (format == null) {
          row.append(-1).append(",".repeat(FRAME_COLUMNS.size() - 1));
        } else {
          row.append(",".repeat(fields.size())).append("-1,-1.0,-1,-1");
          if (checkColumns) {
            row.append(",-1,-1");
          }
        }
        out.append(row).append("\r\n");
      }
      out.flush();
    } catch (IOException e) {
      throw new WriteException(path, framesWritten, "cannot record a gap", e);
    }
  }

  private void row(BufferHeader h, long reconstructedIndex) throws IOException {
    row.setLength(0);
    for (String f : fields) {
      h.find(f).ifPresent(row::append);
      row.append(',');
    }
    BufferRuntime rt = h.runtime();
    row.append(rt.recvIndex()).append(',');
    row.append(PythonFloat.repr(rt.recvUnixTime())).append(',');
    row.append(rt.blackPaddingPixels()).append(',');
    row.append(reconstructedIndex);
    if (checkColumns) {
      row.append(',').append(rt.suspectPixels());
      row.append(',').append(rt.isRecorded() ? (rt.recovered() ? 1 : 0) : -1);
    }
    row.append("\r\n");
    out.append(row);
  }

  /** Frames reported lost through {@link #gap}. */
  public long gapFrames() {
    return gaps;
  }

  @Override
  public List<Path> files() {
    return path == null ? List.of() : List.of(path);
  }

  @Override
  public void close() {
    if (closed || out == null) {
      closed = true;
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new WriteException(path, WriteException.NO_FRAME, "cannot close", e);
    }
  }
}
