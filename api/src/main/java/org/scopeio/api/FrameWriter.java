package org.scopeio.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Stores frames in one file format. Created by a {@link org.scopeio.api.spi.WriterProvider}; used
 * by one thread at a time.
 *
 * <p>Lifecycle: {@link #open} once, then any sequence of {@link #write} and {@link #gap}, then
 * {@link #close()} (safe to call twice). A writer never drops a frame silently: a frame it cannot
 * store raises a {@link WriteException} naming the file and the frame index, and what was written
 * before stays readable.
 */
public interface FrameWriter extends AutoCloseable {

  /**
   * Creates the output files for the stream described by {@code info}. {@code stem} is the output
   * path without extension; each writer adds its own (for example {@code run1} becomes {@code
   * run1.raw} and {@code run1.raw.json}). Parent directories are created.
   *
   * @throws WriteException if a file exists and {@code options} forbid overwriting, or a file
   *     cannot be created
   */
  void open(Path stem, DeviceInfo info, WriterOptions options);

  /**
   * Checks {@code options} (this writer's settings and the shared ones) without creating anything,
   * so that a recording refuses bad settings before its device starts or any file exists.
   *
   * @throws IllegalArgumentException naming the setting and what it takes
   */
  default void check(WriterOptions options) {}

  /** Stores one frame; frames must match the {@link DeviceInfo} given to {@link #open}. */
  void write(Frame frame);

  /**
   * Records that frames were lost at this point of the recording (with the buffer headers of those
   * that arrived), so that readers can rebuild the true timeline; metadata writers list the headers
   * (the CSV writer as rows with {@code reconstructed_frame_index -1}).
   */
  void gap(Gap gap);

  /** The files this writer creates (known once it is open). */
  List<Path> files();

  /** Completes the files (indexes, trailers, sidecars) and releases them. */
  @Override
  void close();
}
