package org.scopeio.writers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.scopeio.writers.internal.BigTiffFile;
import org.scopeio.writers.internal.EarlyFlush;
import org.scopeio.writers.internal.FrameChecks;
import org.scopeio.writers.internal.FrameMetadataJournal;
import org.scopeio.writers.internal.FrameTiming;
import org.scopeio.writers.internal.MadeBy;
import org.scopeio.writers.internal.OmeXml;
import org.scopeio.writers.internal.PlaneBuffer;
import org.scopeio.writers.internal.WriterSettings;

/**
 * Writes an OME-TIFF {@code <stem>.ome.tif} (BigTIFF, little-endian, one uncompressed plane per
 * frame, 8- or 16-bit gray) and the per-frame metadata sidecar {@code <stem>_frame_metadata.json}.
 *
 * <p>Frames are appended as they arrive with constant memory; each is linked into the TIFF's IFD
 * chain only once complete, and its metadata (index, device frame number and timestamp, host times,
 * buffer headers, integrity) is appended to the journal {@code <stem>_frame_metadata.jsonl}. A
 * killed recording therefore leaves a TIFF that reads back to its last written frame and a journal
 * with every frame's metadata. On {@link #close()} the OME-XML (schema 2016-06: size, pixel type,
 * measured {@code TimeIncrement}, and one {@code Plane} per frame whose {@code DeltaT} comes from
 * the device's timestamps, or the host's when the device has none) becomes the first IFD's
 * ImageDescription, and the journal becomes the complete sidecar.
 *
 * <p>Lost frames ({@link #gap}) are listed in the sidecar's {@code gaps} and counted in the
 * OME-XML's {@code frames_lost} annotation; the planes' {@code DeltaT} keep the true times.
 *
 * <p>Settings: {@code sync} ({@link SyncPolicy}, default {@code frame}).
 */
public final class OmeTiffWriter implements FrameWriter {
  /** Extension of the image file. */
  public static final String TIFF = ".ome.tif";

  /** Suffix of the per-frame metadata sidecar. */
  public static final String FRAME_METADATA = FrameMetadataJournal.SIDECAR;

  /** Suffix of the sidecar's journal while recording. */
  public static final String FRAME_METADATA_JOURNAL = FrameMetadataJournal.JOURNAL;

  private static final String PROVISIONAL =
      "Scopeio recording in progress: the OME-XML is written when the recording is closed;"
          + " per-frame metadata is in the frame metadata journal.";

  private Path stem;
  private Path tiffPath;
  private Path sidecarPath;
  private Path journalPath;
  private DeviceInfo info;
  private SyncPolicy sync;
  private EarlyFlush earlyFlush;
  private BigTiffFile tiff;
  private FrameMetadataJournal journal;
  private PlaneBuffer plane;
  private final FrameTiming timing = new FrameTiming();
  private Instant firstWallClock;
  private long gapsSeen;
  private boolean closed;

  @Override
  public void check(WriterOptions options) {
    WriterSettings.of("ome-tiff", options, Set.of()).sync();
  }

  @Override
  public void open(Path stem, DeviceInfo info, WriterOptions options) {
    if (tiff != null) {
      throw new IllegalStateException("OME-TIFF writer is already open");
    }
    this.stem = stem;
    this.info = info;
    this.sync = WriterSettings.of("ome-tiff", options, Set.of()).sync();
    tiffPath = OutputFiles.withSuffix(stem, TIFF);
    sidecarPath = OutputFiles.withSuffix(stem, FRAME_METADATA);
    journalPath = OutputFiles.withSuffix(stem, FRAME_METADATA_JOURNAL);
    OutputFiles.prepare(tiffPath, options);
    OutputFiles.prepare(sidecarPath, options);
    OutputFiles.prepare(journalPath, options);
    try {
      tiff =
          BigTiffFile.create(tiffPath, info.width(), info.height(), info.pixelType(), PROVISIONAL);
    } catch (IOException e) {
      throw new WriteException(tiffPath, WriteException.NO_FRAME, "cannot create", e);
    }
    if (sync == SyncPolicy.CLOSE) {
      // the disk works while frames are decoded; the force at close finds little left
      BigTiffFile file = tiff;
      earlyFlush =
          new EarlyFlush(file::force, EarlyFlush.EVERY_BYTES, tiffPath.getFileName().toString());
    }
    try {
      journal =
          FrameMetadataJournal.create(
              sidecarPath,
              journalPath,
              info,
              tiffPath.getFileName().toString(),
              MadeBy.of(options));
    } catch (IOException e) {
      closeQuietly();
      throw new WriteException(sidecarPath, WriteException.NO_FRAME, "cannot create", e);
    }
    plane = new PlaneBuffer(info);
  }

  @Override
  public void write(Frame frame) {
    requireOpen();
    FrameChecks.requireMatches(tiffPath, info, frame);
    boolean durable = sync == SyncPolicy.FRAME;
    long fileFrame = tiff.planes();
    try {
      tiff.append(plane.fill(frame), durable);
      if (earlyFlush != null) {
        earlyFlush.written(frame.pixelBytes());
      }
    } catch (IOException e) {
      throw new WriteException(tiffPath, frame.index(), "cannot write", e);
    }
    try {
      journal.frame(frame, fileFrame);
      if (durable) {
        journal.force();
      }
    } catch (IOException e) {
      throw new WriteException(journalPath, frame.index(), "cannot write frame metadata", e);
    }
    if (firstWallClock == null) {
      firstWallClock = frame.wallClock();
    }
    timing.add(frame);
  }

  @Override
  public void gap(Gap gap) {
    long count = gap.frames();
    requireOpen();
    if (count <= 0) {
      return;
    }
    try {
      journal.gap(tiff.planes(), count);
    } catch (IOException e) {
      throw new WriteException(journalPath, tiff.planes(), "cannot record a gap", e);
    }
    gapsSeen += count;
    timing.gap(count);
  }

  @Override
  public List<Path> files() {
    return tiffPath == null ? List.of() : List.of(tiffPath, sidecarPath);
  }

  /** Frames written so far. */
  public long frameCount() {
    return tiff == null ? 0 : tiff.planes();
  }

  /**
   * Writes the OME-XML and the complete sidecar, then closes the files. Safe to call twice.
   *
   * @throws WriteException if the files cannot be completed; the TIFF then still reads back with
   *     every frame and the journal keeps the metadata
   */
  @Override
  public void close() {
    if (closed || tiff == null) {
      closed = true;
      return;
    }
    closed = true;
    try {
      if (earlyFlush != null) {
        earlyFlush.finish();
      }
    } catch (IOException e) {
      closeQuietly();
      throw new WriteException(tiffPath, WriteException.NO_FRAME, "cannot write", e);
    }
    try {
      complete(
          tiff,
          journal,
          info,
          stem,
          firstWallClock == null ? Instant.now() : firstWallClock,
          timing,
          gapsSeen,
          sync != SyncPolicy.NONE);
    } catch (WriteException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * Writes the OME-XML into {@code tiff} and the complete sidecar from {@code journal}, and closes
   * both, forcing the TIFF to the disk first if {@code force}: what {@link #close()} does, and what
   * {@link #repair} does for a killed recording.
   */
  private static void complete(
      BigTiffFile tiff,
      FrameMetadataJournal journal,
      DeviceInfo info,
      Path stem,
      Instant first,
      FrameTiming timing,
      long lost,
      boolean force) {
    Path tiffPath = tiff.path();
    Path sidecarPath = OutputFiles.withSuffix(stem, FRAME_METADATA);
    double rate = timing.frameRateOr(info.frameRateOr(Double.NaN));
    long planes = tiff.planes();
    try {
      OmeXml.Image image =
          new OmeXml.Image(
              stem.getFileName().toString(),
              info,
              first,
              planes,
              Double.isNaN(rate) ? Double.NaN : 1.0 / rate,
              lost,
              sidecarPath.getFileName().toString(),
              journal.madeBy());
      FrameTiming deltas = new FrameTiming();
      tiff.replaceDescription(
          out ->
              OmeXml.write(
                  out,
                  image,
                  sink ->
                      journal.forEachFrameTime(
                          (device, host) -> {
                            if (deltas.frames() < planes) { // never more planes than pages
                              deltas.add(device, host);
                              sink.plane(deltas.secondsSinceFirst(device, host));
                            }
                          })));
      if (force) {
        tiff.force();
      }
    } catch (IOException e) {
      throw new WriteException(tiffPath, WriteException.NO_FRAME, "cannot write the OME-XML", e);
    }
    try {
      tiff.close();
      journal.complete(timing.measuredFrameRate(), timing.usesDeviceClock() ? "device" : "host");
    } catch (IOException e) {
      throw new WriteException(sidecarPath, WriteException.NO_FRAME, "cannot complete", e);
    }
  }

  /**
   * Completes the files of a recording whose writer was killed (its journal {@code
   * <stem>_frame_metadata.jsonl} is still there): the OME-XML for every complete page of the TIFF
   * and the complete sidecar from the journal. Pages are never rewritten; a page written just
   * before the kill whose metadata line is missing keeps no {@code Plane} element.
   *
   * @return what was done (and the journal lines that were garbled and left out), or empty if
   *     {@code stem} has no OME-TIFF journal
   * @throws WriteException naming the file that cannot be completed
   */
  public static Optional<Repair> repair(Path stem) {
    Path journalPath = OutputFiles.withSuffix(stem, FRAME_METADATA_JOURNAL);
    if (!Files.exists(journalPath)) {
      return Optional.empty();
    }
    Path tiffPath = OutputFiles.withSuffix(stem, TIFF);
    Path sidecarPath = OutputFiles.withSuffix(stem, FRAME_METADATA);
    FrameMetadataJournal journal;
    try {
      journal =
          FrameMetadataJournal.reopen(sidecarPath, journalPath, tiffPath.getFileName().toString());
    } catch (IOException e) {
      throw new WriteException(journalPath, WriteException.NO_FRAME, "cannot read the journal", e);
    }
    BigTiffFile tiff;
    try {
      tiff = BigTiffFile.reopen(tiffPath);
    } catch (IOException e) {
      throw new WriteException(tiffPath, WriteException.NO_FRAME, "cannot reopen", e);
    }
    FrameTiming timing = new FrameTiming();
    Instant first;
    try {
      journal.forEachFrameTime(timing::add);
      first = journal.firstWallClock().orElse(Instant.now());
    } catch (IOException e) {
      throw new WriteException(journalPath, WriteException.NO_FRAME, "cannot read the journal", e);
    }
    long planes = tiff.planes();
    long frames = journal.frames();
    java.util.SortedSet<Long> garbled = new java.util.TreeSet<>(journal.garbledLines());
    complete(tiff, journal, journal.info(), stem, first, timing, journal.lost(), true);
    return Optional.of(
        new Repair(
            tiffPath
                + ": OME-XML written for "
                + planes
                + " frames; "
                + sidecarPath.getFileName()
                + " completed with "
                + frames
                + " frames' metadata",
            garbled.isEmpty()
                ? List.of()
                : List.of(
                    journalPath
                        + ": "
                        + garbled.size()
                        + " garbled line(s) left out of "
                        + sidecarPath.getFileName()
                        + " (line "
                        + garbled.stream()
                            .limit(10)
                            .map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(", "))
                        + (garbled.size() > 10 ? ", ..." : "")
                        + "); their frames' metadata is lost")));
  }

  private void closeQuietly() {
    try {
      if (earlyFlush != null) {
        earlyFlush.finish();
      }
    } catch (IOException ignored) {
      // already failing with the first error
    }
    try {
      if (tiff != null) {
        tiff.close();
      }
      if (journal != null) {
        journal.close();
      }
    } catch (IOException ignored) {
      // already failing with the first error
    }
  }

  private void requireOpen() {
    if (tiff == null || closed) {
      throw new IllegalStateException("OME-TIFF writer is not open");
    }
  }
}
