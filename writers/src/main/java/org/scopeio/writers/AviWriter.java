package org.scopeio.writers;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.Gap;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;
import org.scopeio.core.OutputFiles;
import org.scopeio.writers.internal.AviFile;
import org.scopeio.writers.internal.FrameChecks;
import org.scopeio.writers.internal.FrameTiming;
import org.scopeio.writers.internal.Gaps;
import org.scopeio.writers.internal.GrayConversion;
import org.scopeio.writers.internal.MadeBy;
import org.scopeio.writers.internal.OutputParts;
import org.scopeio.writers.internal.RollingFiles;
import org.scopeio.writers.internal.WriterSettings;

/**
 * Writes uncompressed 8-bit gray AVI ({@code Y800}, the format mio exports and ffmpeg, OpenCV, Fiji
 * and the UCLA Miniscope tools read) with a JSON sidecar {@code <stem>.avi.json}.
 *
 * <p>The header's frame rate is the device's true rate, measured from the frames' device timestamps
 * (host times when the device has none; the nominal rate until two frames are known). Every file
 * has a correct frame count and an {@code idx1} index; each frame is visible to readers as soon as
 * it is written, so a killed recording leaves AVIs that read back to their last frame.
 *
 * <p>Files: {@code <stem>.avi}, and when a file would pass {@code avi.max-file-bytes} (default 1
 * GiB, the classic AVI limit; at most 4 GiB) the recording rolls over to {@code <stem>_001.avi},
 * {@code <stem>_002.avi} ... With {@code avi.frames-per-file=N} every file holds N frames and the
 * files are {@code <stem>_000.avi}, {@code <stem>_001.avi} ... (as the UCLA DAQ writes them).
 *
 * <p>16-bit frames are converted explicitly: {@code avi.bits} (9 to 16, default 16) gives the
 * significant bits of the input, and each pixel becomes {@code value >> (bits - 8)}; values above
 * {@code 2^bits - 1} become 255 and are counted as clipped in the sidecar. Nothing is truncated
 * silently.
 *
 * <p>AVI has no place for lost frames: {@link #gap} writes no frame, and the sidecar lists the gaps
 * ({@code before_frame} counts frames of the whole recording) together with each file's first frame
 * and frame count:
 *
 * <pre>{@code
 * { "format": "scopeio-avi", "format_version": 1,
 *   "made_by": { "software": "Scopeio 0.1.0", "command": [ "scopeio", "record", ... ] },
 *   "complete": true,
 *   "width": 200, "height": 200, "frame_count": 1000, "frames_lost": 3,
 *   "frame_rate": 20.0, "frame_rate_source": "device",
 *   "conversion": { "from": "uint16", "significant_bits": 12, "shift": 4, "clipped_pixels": 0 },
 *   "files": [ { "file": "run.avi", "first_frame": 0, "frame_count": 1000 } ],
 *   "gaps": [ { "before_frame": 17, "count": 3 } ] }
 * }</pre>
 *
 * <p>Settings: {@code avi.frames-per-file}, {@code avi.max-file-bytes}, {@code avi.bits}, {@code
 * sync} ({@link SyncPolicy}).
 */
public final class AviWriter implements FrameWriter {
  /** Extension of the video files. */
  public static final String AVI = ".avi";

  /** Extension of the sidecar. */
  public static final String SIDECAR = ".avi.json";

  /** Default largest file: 1 GiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;

  private static final long LARGEST_FILE = (1L << 32) - 1;

  /** The settings this writer reads (without the {@code avi.} prefix), with descriptions. */
  public static final Map<String, String> SETTINGS =
      Map.of(
          "frames-per-file",
          "roll over to a new file every N frames (<stem>_000.avi, _001 ...)",
          "max-file-bytes",
          "roll over before a file passes this size (default 1 GiB, at most 4 GiB)",
          "bits",
          "significant bits of 16-bit input (9-16, default 16); pixels become value >> (bits - 8)");

  private Path stem;
  private Path sidecarPath;
  private DeviceInfo info;
  private SyncPolicy sync;
  private long framesPerFile;
  private long maxFileBytes;
  private GrayConversion conversion;
  private MadeBy madeBy;
  private AviFile current;
  private ByteBuffer gray;
  private RollingFiles files;
  private final Gaps gaps = new Gaps();
  private final FrameTiming timing = new FrameTiming();
  private long frames;
  private boolean closed;

  @Override
  public void check(WriterOptions options) {
    WriterSettings settings = WriterSettings.of("avi", options, SETTINGS.keySet());
    settings.sync();
    settings.positiveLong("frames-per-file", Long.MAX_VALUE);
    if (settings.positiveLong("max-file-bytes", DEFAULT_MAX_FILE_BYTES) > LARGEST_FILE) {
      throw new IllegalArgumentException(
          "setting 'avi.max-file-bytes' must be at most " + LARGEST_FILE + " (4 GiB)");
    }
    settings.intInRange("bits", 9, 16, 16);
  }

  @Override
  public void open(Path stem, DeviceInfo info, WriterOptions options) {
    if (sidecarPath != null) {
      throw new IllegalStateException("AVI writer is already open");
    }
    check(options);
    WriterSettings settings = WriterSettings.of("avi", options, SETTINGS.keySet());
    this.stem = stem;
    this.info = info;
    this.madeBy = MadeBy.of(options);
    this.sync = settings.sync();
    this.framesPerFile = settings.positiveLong("frames-per-file", Long.MAX_VALUE);
    this.maxFileBytes = settings.positiveLong("max-file-bytes", DEFAULT_MAX_FILE_BYTES);
    this.conversion = settings.grayConversion(info.pixelType());
    if (maxFileBytes > LARGEST_FILE) {
      throw new IllegalArgumentException(
          "setting 'avi.max-file-bytes' must be at most "
              + LARGEST_FILE
              + " (4 GiB), got "
              + maxFileBytes);
    }
    if (AviFile.fileBytes(info.width(), info.height(), 1) > maxFileBytes) {
      throw new IllegalArgumentException(
          "setting 'avi.max-file-bytes' of "
              + maxFileBytes
              + " holds no "
              + info.width()
              + "x"
              + info.height()
              + " frame");
    }
    sidecarPath = OutputFiles.withSuffix(stem, SIDECAR);
    OutputFiles.prepare(sidecarPath, options);
    files = new RollingFiles(stem, AVI, framesPerFile);
    files.prepare(options);
    gray = ByteBuffer.allocateDirect(info.width() * info.height());
    try {
      writeSidecar(sidecarPath, false);
    } catch (IOException e) {
      throw new WriteException(sidecarPath, WriteException.NO_FRAME, "cannot create", e);
    }
    startFile(WriteException.NO_FRAME);
  }

  private void startFile(long frameIndex) {
    Path path = files.nextName();
    try {
      current = AviFile.create(path, info.width(), info.height(), frameRate());
    } catch (IOException e) {
      throw new WriteException(path, frameIndex, "cannot create", e);
    }
    files.start(frames);
  }

  @Override
  public void write(Frame frame) {
    requireOpen();
    FrameChecks.requireMatches(current.path(), info, frame);
    if (files.currentIsFull()
        || AviFile.fileBytes(info.width(), info.height(), current.frames() + 1) > maxFileBytes) {
      finishFile(frame.index());
      startFile(frame.index());
      try {
        writeSidecar(sidecarPath, false);
      } catch (IOException e) {
        throw new WriteException(sidecarPath, frame.index(), "cannot update", e);
      }
    }
    conversion.convert(frame, gray);
    try {
      current.append(gray);
      if (sync == SyncPolicy.FRAME) {
        current.force();
      }
    } catch (IOException e) {
      throw new WriteException(current.path(), frame.index(), "cannot write", e);
    }
    timing.add(frame);
    frames++;
    files.countFrame();
  }

  private void finishFile(long frameIndex) {
    try {
      current.finish(frameRate(), sync != SyncPolicy.NONE);
    } catch (IOException e) {
      throw new WriteException(current.path(), frameIndex, "cannot complete", e);
    }
  }

  private double frameRate() {
    return timing.frameRateOr(info.frameRateOr(DeviceInfo.ASSUMED_FRAME_RATE));
  }

  @Override
  public void gap(Gap gap) {
    long count = gap.frames();
    requireOpen();
    gaps.add(frames, count);
    timing.gap(count);
    try {
      writeSidecar(sidecarPath, false); // so that a killed recording keeps its gaps
    } catch (IOException e) {
      throw new WriteException(sidecarPath, frames, "cannot record a gap", e);
    }
  }

  @Override
  public List<Path> files() {
    List<Path> all = new ArrayList<>(files == null ? List.of() : files.files());
    if (sidecarPath != null) {
      all.add(sidecarPath);
    }
    return all;
  }

  /** Frames written so far. */
  public long frameCount() {
    return frames;
  }

  /** 16-bit pixels above {@code avi.bits} that became 255. */
  public long clippedPixels() {
    return conversion.clippedPixels();
  }

  @Override
  public void close() {
    if (closed || current == null) {
      closed = true;
      return;
    }
    closed = true;
    finishFile(WriteException.NO_FRAME);
    try {
      OutputParts.replace(sidecarPath, tmp -> writeSidecar(tmp, true));
    } catch (IOException e) {
      throw new WriteException(sidecarPath, WriteException.NO_FRAME, "cannot complete", e);
    }
  }

  private void requireOpen() {
    if (current == null || closed) {
      throw new IllegalStateException("AVI writer is not open");
    }
  }

  /**
   * Completes the AVI files of a recording whose writer was killed (its sidecar still says {@code
   * "complete": false}): each part keeps the frames its header counts and gets its index, and the
   * sidecar gets the true frame counts (its gaps were written there as they happened).
   *
   * @return what was done, or empty if {@code stem} has no unfinished AVI recording
   * @throws WriteException naming the file that cannot be completed
   */
  public static Optional<Repair> repair(Path stem) {
    Path sidecar = OutputFiles.withSuffix(stem, SIDECAR);
    if (!Files.isRegularFile(sidecar)) {
      return Optional.empty();
    }
    try {
      com.fasterxml.jackson.databind.ObjectMapper json =
          new com.fasterxml.jackson.databind.ObjectMapper();
      com.fasterxml.jackson.databind.node.ObjectNode meta =
          (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(sidecar.toFile());
      if (meta.path("complete").asBoolean(true)) {
        return Optional.empty();
      }
      com.fasterxml.jackson.databind.node.ArrayNode files = meta.putArray("files");
      long first = 0;
      for (int part = 0; ; part++) {
        Path file = OutputParts.name(stem, part, true, AVI);
        if (part == 0 && !Files.exists(file)) {
          file = OutputParts.name(stem, 0, false, AVI);
        }
        if (!Files.exists(file)) {
          break;
        }
        long frames = AviFile.repair(file);
        files
            .addObject()
            .put("file", file.getFileName().toString())
            .put("first_frame", first)
            .put("frame_count", frames);
        first += frames;
      }
      meta.put("complete", true);
      meta.put("frame_count", first);
      meta.put("repaired", true);
      OutputParts.replace(
          sidecar, tmp -> json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), meta));
      return Optional.of(
          new Repair(
              sidecar
                  + ": completed; "
                  + files.size()
                  + " AVI file(s) indexed, "
                  + first
                  + " frames",
              List.of()));
    } catch (IOException | RuntimeException e) {
      throw new WriteException(sidecar, WriteException.NO_FRAME, "cannot complete", e);
    }
  }

  private void writeSidecar(Path target, boolean complete) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(target.toFile(), JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", "scopeio-avi");
      g.writeNumberField("format_version", 1);
      madeBy.writeJson(g);
      g.writeBooleanField("complete", complete);
      g.writeNumberField("width", info.width());
      g.writeNumberField("height", info.height());
      g.writeNumberField("frame_count", frames);
      g.writeNumberField("frames_lost", gaps.lost());
      g.writeNumberField("frame_rate", frameRate());
      g.writeStringField("frame_rate_source", timing.rateSource(info.hasFrameRate()));
      conversion.writeJson(g);
      files.writeJson(g, RollingFiles.PartFields.NONE);
      gaps.writeJson(g);
      g.writeEndObject();
    }
  }
}
