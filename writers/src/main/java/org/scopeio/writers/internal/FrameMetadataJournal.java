package org.scopeio.writers.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.BufferRuntime;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameIntegrity;

/**
 * The per-frame metadata sidecar {@code <stem>_frame_metadata.json} and its append-only journal
 * {@code <stem>_frame_metadata.jsonl}.
 *
 * <p>While recording, each frame (and each gap) is one JSON line appended to the journal and handed
 * to the operating system before the frame's write returns, so a crash loses at most the frame in
 * flight; the sidecar meanwhile says {@code "complete": false}. {@link #complete} turns the journal
 * into the complete sidecar (frame lines copied verbatim, constant memory) and deletes it:
 *
 * <pre>{@code
 * { "format": "scopeio-frame-metadata", "format_version": 1,
 *   "made_by": { "software": "Scopeio 0.1.0", "command": [ "scopeio", "record", ... ] },
 *   "complete": true,
 *   "image_file": "run1.ome.tif", "device": "simulated", "description": "...",
 *   "width": 200, "height": 200, "pixel_type": "uint8", "properties": {...},
 *   "nominal_frame_rate": 20.0, "measured_frame_rate": 19.98, "clock": "device",
 *   "frame_count": 3, "frames_lost": 2,
 *   "frames": [
 *     { "frame": 0, "index": 0, "device_frame_number": 0, "device_timestamp_ms": 1000,
 *       "host_monotonic_ns": 5000, "wall_clock": "2026-11-21T17:00:00Z",
 *       "integrity": { "missing_buffers": 0, "padded_pixels": 0, "excess_bytes": 0,
 *                      "suspect_pixels": 0, "recovered_buffers": 0 },
 *       "headers": [ { "linked_list": 0, ..., "buffer_recv_index": 0, ... } ] }, ... ],
 *   "gaps": [ { "before_frame": 1, "count": 2 } ] }
 * }</pre>
 *
 * {@code frame} is the position in the image file, {@code index} the device's frame index; a gap
 * says that {@code count} frames were lost before file frame {@code before_frame}. Values a device
 * does not provide are {@code null}.
 */
public final class FrameMetadataJournal implements AutoCloseable {
  /** Suffix of the sidecar after the stem. */
  public static final String SIDECAR = "_frame_metadata.json";

  /** Suffix of the journal after the stem. */
  public static final String JOURNAL = "_frame_metadata.jsonl";

  private static final JsonFactory JSON = new JsonFactory();
  private static final String GAP_PREFIX = "{\"gap\":";

  private final Path sidecar;
  private final Path journalPath;
  private final DeviceInfo info;
  private final String imageFile;
  private final MadeBy madeBy;
  private final FileChannel journal;
  private final JsonGenerator line;
  private long frames;
  private long lost;
  private final java.util.SortedSet<Long> garbled = new java.util.TreeSet<>();

  /**
   * How the recording's files were made; empty when a repaired recording's sidecar does not say.
   */
  public java.util.Optional<MadeBy> madeBy() {
    return java.util.Optional.ofNullable(madeBy);
  }

  private FrameMetadataJournal(
      Path sidecar,
      Path journalPath,
      DeviceInfo info,
      String imageFile,
      MadeBy madeBy,
      FileChannel journal)
      throws IOException {
    this.sidecar = sidecar;
    this.journalPath = journalPath;
    this.info = info;
    this.imageFile = imageFile;
    this.madeBy = madeBy;
    this.journal = journal;
    OutputStream out = Channels.newOutputStream(journal);
    this.line = JSON.createGenerator(out, JsonEncoding.UTF8);
    line.setRootValueSeparator(null);
  }

  /**
   * Creates the journal and a provisional sidecar ({@code "complete": false}) for the image file
   * {@code imageFile}. The caller has checked that overwriting is allowed.
   */
  public static FrameMetadataJournal create(
      Path sidecar, Path journalPath, DeviceInfo info, String imageFile, MadeBy madeBy)
      throws IOException {
    FileChannel ch =
        FileChannel.open(
            journalPath,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    try {
      FrameMetadataJournal j =
          new FrameMetadataJournal(sidecar, journalPath, info, imageFile, madeBy, ch);
      j.writeSidecar(sidecar, false, Double.NaN, null);
      return j;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Reopens the journal of a recording whose writer was killed, to complete its sidecar: counts its
   * frames and lost frames and drops a last line cut short. The stream is described by the
   * provisional sidecar.
   */
  public static FrameMetadataJournal reopen(Path sidecar, Path journalPath, String imageFile)
      throws IOException {
    DeviceInfo info = SidecarStream.read(sidecar, "nominal_frame_rate");
    MadeBy madeBy = MadeBy.read(sidecar).orElse(null); // what the recording recorded
    // keep whole lines only
    long size = Files.size(journalPath);
    long keep = size;
    try (FileChannel ch = FileChannel.open(journalPath, StandardOpenOption.READ)) {
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
      while (keep > 0) {
        one.clear();
        ch.read(one, keep - 1);
        if (one.get(0) == '\n') {
          break;
        }
        keep--;
      }
    }
    FileChannel ch = FileChannel.open(journalPath, StandardOpenOption.WRITE);
    ch.truncate(keep);
    ch.position(keep);
    FrameMetadataJournal j =
        new FrameMetadataJournal(sidecar, journalPath, info, imageFile, madeBy, ch);
    try (LineReader r = new LineReader(journalPath)) {
      String line;
      ObjectMapper json = new ObjectMapper();
      while ((line = r.readLine()) != null) {
        if (line.isEmpty()) {
          continue;
        }
        try {
          if (line.startsWith(GAP_PREFIX)) {
            JsonNode gap = json.readTree(line).path("gap");
            if (!gap.path("count").canConvertToLong()
                || !gap.path("before_frame").isIntegralNumber()) {
              throw new IOException("not a gap");
            }
            j.lost += gap.get("count").asLong();
          } else {
            JsonNode frame = json.readTree(line);
            if (!frame.path("frame").isIntegralNumber()
                || !frame.path("host_monotonic_ns").isIntegralNumber()) {
              throw new IOException("not a frame");
            }
            java.time.Instant.parse(frame.path("wall_clock").asText());
            j.frames++;
          }
        } catch (IOException | RuntimeException garbled) {
          j.garbled.add(r.lineNumber());
        }
      }
    }
    return j;
  }

  /**
   * Line numbers (from 1) of journal lines that are not whole, valid records: left out of the
   * completed sidecar and reported by repair.
   */
  public java.util.SortedSet<Long> garbledLines() {
    return java.util.Collections.unmodifiableSortedSet(garbled);
  }

  /** The stream described by the sidecar. */
  public DeviceInfo info() {
    return info;
  }

  /** Frames lost (gaps) so far. */
  public long lost() {
    return lost;
  }

  /** The wall clock of the first journalled frame, if any. */
  public java.util.Optional<java.time.Instant> firstWallClock() throws IOException {
    try (LineReader r = new LineReader(journalPath)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isEmpty() && !line.startsWith(GAP_PREFIX) && !garbled.contains(r.lineNumber())) {
          return java.util.Optional.of(
              java.time.Instant.parse(
                  new ObjectMapper().readTree(line).path("wall_clock").asText()));
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** Appends the metadata of {@code frame}, stored as file frame {@code fileFrame}. */
  public void frame(Frame frame, long fileFrame) throws IOException {
    JsonGenerator g = line;
    g.writeStartObject();
    g.writeNumberField("frame", fileFrame);
    g.writeNumberField("index", frame.index());
    writeOptional(g, "device_frame_number", frame.deviceFrameNumber().orElse(-1));
    writeOptional(g, "device_timestamp_ms", frame.deviceTimestampMillis().orElse(-1));
    g.writeNumberField("host_monotonic_ns", frame.hostMonotonicNanos());
    g.writeStringField("wall_clock", frame.wallClock().toString());
    FrameIntegrity in = frame.integrity();
    g.writeObjectFieldStart("integrity");
    g.writeNumberField("missing_buffers", in.missingBuffers());
    g.writeNumberField("padded_pixels", in.paddedPixels());
    g.writeNumberField("excess_bytes", in.excessBytes());
    g.writeNumberField("suspect_pixels", in.suspectPixels());
    g.writeNumberField("recovered_buffers", in.recoveredBuffers());
    g.writeEndObject();
    g.writeArrayFieldStart("headers");
    for (BufferHeader h : frame.headers()) {
      g.writeStartObject();
      for (Map.Entry<String, Long> e : h.asMap().entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      BufferRuntime rt = h.runtime();
      if (rt.isRecorded()) {
        g.writeNumberField("buffer_recv_index", rt.recvIndex());
        g.writeNumberField("buffer_recv_unix_time", rt.recvUnixTime());
        g.writeNumberField("black_padding_px", rt.blackPaddingPixels());
        g.writeNumberField("suspect_px", rt.suspectPixels());
        g.writeBooleanField("recovered", rt.recovered());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeRaw('\n');
    g.flush();
    frames++;
  }

  private static void writeOptional(JsonGenerator g, String name, long value) throws IOException {
    if (value < 0) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value);
    }
  }

  /** Appends a gap of {@code count} lost frames before file frame {@code beforeFrame}. */
  public void gap(long beforeFrame, long count) throws IOException {
    line.writeRaw(GAP_PREFIX + "{\"before_frame\":" + beforeFrame + ",\"count\":" + count + "}}\n");
    line.flush();
    lost += count;
  }

  /** Forces the journal to the storage device. */
  public void force() throws IOException {
    journal.force(false);
  }

  /** Frames appended. */
  public long frames() {
    return frames;
  }

  /** Receives the times of each journalled frame, in order. */
  @FunctionalInterface
  public interface FrameTimes {
    /** One frame: device timestamp in ms ({@code -1} if none) and host monotonic time. */
    void accept(long deviceMillis, long hostNanos) throws IOException;
  }

  /** Reads the times of every journalled frame back from the journal, in order. */
  public void forEachFrameTime(FrameTimes consumer) throws IOException {
    try (LineReader r = new LineReader(journalPath)) {
      String s;
      while ((s = r.readLine()) != null) {
        if (s.startsWith(GAP_PREFIX) || s.isEmpty() || garbled.contains(r.lineNumber())) {
          continue;
        }
        long device = -1;
        long host = 0;
        try (JsonParser p = JSON.createParser(s)) {
          p.nextToken();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("device_timestamp_ms".equals(name) && t == JsonToken.VALUE_NUMBER_INT) {
              device = p.getLongValue();
            } else if ("host_monotonic_ns".equals(name)) {
              host = p.getLongValue();
              break; // written after the device timestamp
            } else {
              p.skipChildren();
            }
          }
        }
        consumer.accept(device, host);
      }
    }
  }

  /**
   * Writes the complete sidecar from the journal (through a temporary file and an atomic move),
   * then deletes the journal.
   *
   * @param measuredFrameRate frames per second measured from the frames' timestamps, or NaN
   * @param clock {@code device} or {@code host}: which clock the measurement used
   */
  public void complete(double measuredFrameRate, String clock) throws IOException {
    line.flush();
    journal.close();
    Path tmp = sidecar.resolveSibling(sidecar.getFileName() + ".tmp");
    writeSidecar(tmp, true, measuredFrameRate, clock);
    Files.move(tmp, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(journalPath);
  }

  private void writeSidecar(Path target, boolean complete, double measured, String clock)
      throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
        JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
      g.writeStartObject();
      g.writeRaw('\n');
      g.writeStringField("format", "scopeio-frame-metadata");
      g.writeNumberField("format_version", 1);
      if (madeBy != null) {
        madeBy.writeJson(g);
      }
      g.writeBooleanField("complete", complete);
      g.writeStringField("image_file", imageFile);
      g.writeStringField("device", info.deviceType());
      g.writeStringField("description", info.description());
      g.writeNumberField("width", info.width());
      g.writeNumberField("height", info.height());
      g.writeStringField("pixel_type", info.pixelType().id());
      g.writeObjectFieldStart("properties");
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(info.properties()).entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      writeRate(g, "nominal_frame_rate", info.frameRateOr(Double.NaN));
      writeRate(g, "measured_frame_rate", measured);
      if (clock == null) {
        g.writeNullField("clock");
      } else {
        g.writeStringField("clock", clock);
      }
      g.writeNumberField("frame_count", complete ? frames : 0);
      g.writeNumberField("frames_lost", complete ? lost : 0);
      g.writeRaw(",\n\"frames\": [");
      g.flush();
      if (complete) {
        copyJournal(os, false);
      }
      g.writeRaw("],\n\"gaps\": [");
      g.flush();
      if (complete) {
        copyJournal(os, true);
      }
      g.writeRaw("]\n}\n");
    }
  }

  private static void writeRate(JsonGenerator g, String name, double rate) throws IOException {
    if (Double.isNaN(rate)) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, rate);
    }
  }

  /** Copies the journal's frame lines (or the bodies of its gap lines) as array elements. */
  private void copyJournal(OutputStream os, boolean gaps) throws IOException {
    boolean first = true;
    byte[] sep = ",\n".getBytes(StandardCharsets.US_ASCII);
    try (LineReader r = new LineReader(journalPath)) {
      String s;
      while ((s = r.readLine()) != null) {
        if (s.isEmpty() || s.startsWith(GAP_PREFIX) != gaps || garbled.contains(r.lineNumber())) {
          continue;
        }
        String element = gaps ? s.substring(GAP_PREFIX.length(), s.length() - 1) : s;
        os.write(first ? new byte[] {'\n'} : sep);
        os.write(element.getBytes(StandardCharsets.UTF_8));
        first = false;
      }
    }
  }

  /** The longest journal line accepted: far more than any frame's headers take. */
  static final int MAX_LINE = 16 << 20;

  /**
   * Reads the journal's lines with bounded memory: a line longer than {@link #MAX_LINE} (a corrupt
   * journal, or zeros left by a power loss) is an error naming its byte offset, and only regular
   * files are read.
   */
  private static final class LineReader implements AutoCloseable {
    private final Path path;
    private final java.io.InputStream in;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(1024);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long offset;
    private long lineNumber;

    LineReader(Path path) throws IOException {
      if (!Files.isRegularFile(path)) {
        throw new IOException(path + " is not a regular file");
      }
      this.path = path;
      this.in = Files.newInputStream(path);
    }

    /** The next line without its end, or null at the end of the file. */
    String readLine() throws IOException {
      line.reset();
      lineNumber++;
      long start = offset;
      while (true) {
        if (position == limit) {
          limit = in.read(buffer);
          position = 0;
          if (limit <= 0) {
            limit = 0;
            return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
          }
        }
        int end = position;
        while (end < limit && buffer[end] != '\n') {
          end++;
        }
        int length = end - position;
        if (line.size() + length > MAX_LINE) {
          throw new IOException(
              path + " at byte offset " + start + ": a line longer than " + MAX_LINE + " bytes");
        }
        line.write(buffer, position, length);
        offset += length;
        position = end;
        if (end < limit) { // the newline
          position++;
          offset++;
          return line.toString(StandardCharsets.UTF_8);
        }
      }
    }

    /** The number (from 1) of the line read last. */
    long lineNumber() {
      return lineNumber;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Closes the journal without completing the sidecar (the journal stays for recovery). */
  @Override
  public void close() throws IOException {
    journal.close();
  }
}
