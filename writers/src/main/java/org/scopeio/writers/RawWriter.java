package org.scopeio.writers;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.Gap;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;
import org.scopeio.core.OutputFiles;
import org.scopeio.writers.internal.EarlyFlush;
import org.scopeio.writers.internal.FrameChecks;
import org.scopeio.writers.internal.MadeBy;
import org.scopeio.writers.internal.PlaneBuffer;
import org.scopeio.writers.internal.SidecarStream;
import org.scopeio.writers.internal.WriterSettings;

/**
 * Writes frames as raw pixels to {@code <stem>.raw} (row-major, 16-bit little-endian) with a JSON
 * sidecar {@code <stem>.raw.json} that lets any tool memory-map the file:
 *
 * <pre>{@code
 * { "format": "scopeio-raw", "format_version": 1,
 *   "made_by": { "software": "Scopeio 0.1.0", "command": [ "scopeio", "record", ... ] },
 *   "width": 200, "height": 200, "pixel_type": "uint8", "byte_order": "little",
 *   "offset": 0, "frame_count": 200, "frame_rate": 20.0,
 *   "device": "simulated", "description": "...",
 *   "timestamps": [ { "index": 0, "device_frame_number": 0, "device_timestamp_ms": 1000,
 *                     "host_monotonic_ns": 123, "wall_clock": "2026-11-21T17:00:00Z" }, ... ],
 *   "gaps": [ { "before_frame": 17, "count": 2 } ] }
 * }</pre>
 *
 * {@code frame_rate} is {@code null} when unknown; {@code device_frame_number} and {@code
 * device_timestamp_ms} are {@code null} when the device has none. A gap says that {@code count}
 * frames were lost before file frame {@code before_frame}.
 *
 * <p>Pixels reach the operating system as each frame is written. Timestamps go to an append-only
 * journal {@code <stem>.raw.journal} (constant memory whatever the length of the recording), which
 * becomes the sidecar on {@link #close()}; after a crash the journal still holds them.
 */
public final class RawWriter implements FrameWriter {
  /** Extension of the pixel file. */
  public static final String RAW = ".raw";

  /** Extension of the JSON sidecar. */
  public static final String SIDECAR = ".raw.json";

  static final String JOURNAL = ".raw.journal";
  private static final int JOURNAL_RECORD = 8 * 5 + 4;
  private static final long GAP_MARK = Long.MIN_VALUE;

  private Path rawPath;
  private Path sidecarPath;
  private Path journalPath;
  private DeviceInfo info;
  private FileChannel raw;
  private FileChannel journal;
  private SyncPolicy sync;
  private EarlyFlush earlyFlush;
  private PlaneBuffer frameBuffer;
  private MadeBy madeBy;
  private final ByteBuffer journalBuffer =
      ByteBuffer.allocate(JOURNAL_RECORD).order(ByteOrder.LITTLE_ENDIAN);
  private long frames;
  private boolean closed;

  @Override
  public void check(WriterOptions options) {
    WriterSettings.of("raw", options, Set.of()).sync(); // refuses unknown raw.* settings
  }

  @Override
  public void open(Path stem, DeviceInfo info, WriterOptions options) {
    if (raw != null) {
      throw new IllegalStateException("raw writer is already open");
    }
    check(options);
    this.info = info;
    this.madeBy = MadeBy.of(options);
    this.sync = WriterSettings.of("raw", options, Set.of()).sync();
    rawPath = OutputFiles.withSuffix(stem, RAW);
    sidecarPath = OutputFiles.withSuffix(stem, SIDECAR);
    journalPath = OutputFiles.withSuffix(stem, JOURNAL);
    OutputFiles.prepare(rawPath, options);
    OutputFiles.prepare(sidecarPath, options);
    OutputFiles.prepare(journalPath, options);
    try {
      raw =
          FileChannel.open(
              rawPath,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
      journal =
          FileChannel.open(
              journalPath,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
      // a sidecar from the start, so that a crashed recording still describes its pixels
      writeSidecar(sidecarPath, false);
    } catch (IOException e) {
      throw new WriteException(rawPath, WriteException.NO_FRAME, "cannot create", e);
    }
    frameBuffer = new PlaneBuffer(info);
    if (sync == SyncPolicy.CLOSE) {
      // the disk works while frames are decoded; the force at close finds little left
      earlyFlush =
          new EarlyFlush(
              () -> raw.force(false), EarlyFlush.EVERY_BYTES, rawPath.getFileName().toString());
    }
  }

  @Override
  public void write(Frame frame) {
    requireOpen();
    FrameChecks.requireMatches(rawPath, info, frame);
    try {
      ByteBuffer pixels = frameBuffer.fill(frame);
      int bytes = pixels.remaining();
      while (pixels.hasRemaining()) {
        raw.write(pixels);
      }
      if (earlyFlush != null) {
        earlyFlush.written(bytes);
      }
      journalBuffer.clear();
      journalBuffer
          .putLong(frame.index())
          .putLong(frame.deviceFrameNumber().orElse(-1))
          .putLong(frame.deviceTimestampMillis().orElse(-1))
          .putLong(frame.hostMonotonicNanos())
          .putLong(frame.wallClock().getEpochSecond())
          .putInt(frame.wallClock().getNano());
      writeJournal();
      if (sync == SyncPolicy.FRAME) { // the frame and its journal line survive a power loss
        raw.force(false);
        journal.force(false);
      }
    } catch (IOException e) {
      throw new WriteException(rawPath, frame.index(), "cannot write", e);
    }
    frames++;
  }

  @Override
  public void gap(Gap gap) {
    long count = gap.frames();
    requireOpen();
    if (count <= 0) {
      return;
    }
    journalBuffer.clear();
    journalBuffer.putLong(GAP_MARK).putLong(frames).putLong(count).putLong(0).putLong(0).putInt(0);
    try {
      writeJournal();
    } catch (IOException e) {
      throw new WriteException(journalPath, frames, "cannot record a gap", e);
    }
  }

  private void writeJournal() throws IOException {
    journalBuffer.flip();
    while (journalBuffer.hasRemaining()) {
      journal.write(journalBuffer);
    }
  }

  @Override
  public List<Path> files() {
    return rawPath == null ? List.of() : List.of(rawPath, sidecarPath);
  }

  /** Frames written so far. */
  public long frameCount() {
    return frames;
  }

  @Override
  public void close() {
    if (closed || raw == null) {
      closed = true;
      return;
    }
    closed = true;
    try {
      if (earlyFlush != null) {
        earlyFlush.finish();
      }
      if (sync != SyncPolicy.NONE) {
        raw.force(false); // a closed recording is on the disk
      }
      raw.close();
      journal.close();
      Path tmp = OutputFiles.withSuffix(sidecarPath, ".tmp");
      writeSidecar(tmp, true);
      Files.move(
          tmp, sidecarPath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(journalPath);
    } catch (IOException e) {
      throw new WriteException(sidecarPath, WriteException.NO_FRAME, "cannot complete", e);
    }
  }

  /**
   * Completes the sidecar of a recording whose writer was killed (its journal {@code
   * <stem>.raw.journal} is still there) from the journal: every whole frame of the pixel file with
   * its timestamps, and the gaps. The pixel file is not changed; bytes of a partial last frame are
   * reported.
   *
   * @return what was done, or empty if {@code stem} has no raw journal
   * @throws WriteException naming the file that cannot be completed
   */
  public static Optional<Repair> repair(Path stem) {
    RawWriter w = new RawWriter();
    w.rawPath = OutputFiles.withSuffix(stem, RAW);
    w.sidecarPath = OutputFiles.withSuffix(stem, SIDECAR);
    w.journalPath = OutputFiles.withSuffix(stem, JOURNAL);
    if (!Files.exists(w.journalPath)) {
      return Optional.empty();
    }
    try {
      w.info = SidecarStream.read(w.sidecarPath, "frame_rate");
      w.madeBy = MadeBy.read(w.sidecarPath).orElse(null);
      long records = Files.size(w.journalPath) / JOURNAL_RECORD;
      long frameBytes = (long) w.info.width() * w.info.height() * w.info.pixelType().bytes();
      long whole = Files.size(w.rawPath) / frameBytes;
      long partial = Files.size(w.rawPath) % frameBytes;
      // journal records of whole frames only: frames are written before their record
      try (FileChannel j = FileChannel.open(w.journalPath, StandardOpenOption.WRITE)) {
        j.truncate(records * JOURNAL_RECORD);
      }
      w.frames = countFrames(w.journalPath);
      Path tmp = OutputFiles.withSuffix(w.sidecarPath, ".tmp");
      w.writeSidecar(tmp, true);
      Files.move(
          tmp, w.sidecarPath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(w.journalPath);
      return Optional.of(
          new Repair(
              w.sidecarPath
                  + ": completed with "
                  + w.frames
                  + " frames' timestamps ("
                  + whole
                  + " whole frames in "
                  + w.rawPath.getFileName()
                  + ")",
              partial > 0
                  ? List.of(
                      w.rawPath
                          + ": "
                          + partial
                          + " bytes of a frame the kill interrupted follow the whole frames")
                  : List.of()));
    } catch (IOException | RuntimeException e) {
      throw new WriteException(w.sidecarPath, WriteException.NO_FRAME, "cannot complete", e);
    }
  }

  private static long countFrames(Path journal) throws IOException {
    long n = 0;
    ByteBuffer b = ByteBuffer.allocate(JOURNAL_RECORD).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.READ)) {
      for (long at = 0; at + JOURNAL_RECORD <= ch.size(); at += JOURNAL_RECORD) {
        b.clear();
        ch.read(b, at);
        if (b.getLong(0) != GAP_MARK) {
          n++;
        }
      }
    }
    return n;
  }

  private void requireOpen() {
    if (raw == null || closed) {
      throw new IllegalStateException("raw writer is not open");
    }
  }

  private void writeSidecar(Path target, boolean fromJournal) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(target.toFile(), JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", "scopeio-raw");
      g.writeNumberField("format_version", 1);
      if (madeBy != null) {
        madeBy.writeJson(g);
      }
      g.writeNumberField("width", info.width());
      g.writeNumberField("height", info.height());
      g.writeStringField("pixel_type", info.pixelType().id());
      g.writeStringField("byte_order", "little");
      g.writeNumberField("offset", 0);
      g.writeNumberField("frame_count", fromJournal ? frames : 0);
      if (info.hasFrameRate()) {
        g.writeNumberField("frame_rate", info.frameRate());
      } else {
        g.writeNullField("frame_rate");
      }
      g.writeStringField("device", info.deviceType());
      g.writeStringField("description", info.description());
      g.writeArrayFieldStart("timestamps");
      if (fromJournal) {
        copyJournal(g, false);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("gaps");
      if (fromJournal) {
        copyJournal(g, true);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private void copyJournal(JsonGenerator g, boolean gaps) throws IOException {
    if (!Files.isRegularFile(journalPath)) {
      throw new IOException(journalPath + " is not a regular file");
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(journalPath), 1 << 16))) {
      byte[] rec = new byte[JOURNAL_RECORD];
      ByteBuffer b = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
      while (true) {
        try {
          in.readFully(rec);
        } catch (EOFException end) {
          return;
        }
        b.clear();
        long first = b.getLong();
        if (first == GAP_MARK) {
          long before = b.getLong();
          long count = b.getLong();
          if (gaps) {
            g.writeStartObject();
            g.writeNumberField("before_frame", before);
            g.writeNumberField("count", count);
            g.writeEndObject();
          }
          continue;
        }
        if (gaps) {
          continue;
        }
        long deviceFrame = b.getLong();
        long deviceTs = b.getLong();
        long hostNs = b.getLong();
        long sec = b.getLong();
        int nano = b.getInt();
        g.writeStartObject();
        g.writeNumberField("index", first);
        if (deviceFrame < 0) {
          g.writeNullField("device_frame_number");
        } else {
          g.writeNumberField("device_frame_number", deviceFrame);
        }
        if (deviceTs < 0) {
          g.writeNullField("device_timestamp_ms");
        } else {
          g.writeNumberField("device_timestamp_ms", deviceTs);
        }
        g.writeNumberField("host_monotonic_ns", hostNs);
        g.writeStringField("wall_clock", Instant.ofEpochSecond(sec, nano).toString());
        g.writeEndObject();
      }
    }
  }
}
