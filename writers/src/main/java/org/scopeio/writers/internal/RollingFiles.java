package org.scopeio.writers.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scopeio.api.WriterOptions;
import org.scopeio.core.OutputFiles;

/**
 * The files of a writer that splits its output: {@code <stem><suffix>}, or {@code
 * <stem>_000<suffix>}, {@code _001} ... once it rolls over (at once when {@code frames-per-file} is
 * set), each with its first frame and frame count for the sidecar. Used by the AVI, MP4 and FFV1
 * writers.
 */
public final class RollingFiles {
  /** One file: where it starts in the recording and how many frames it holds. */
  public static final class Part {
    private final Path file;
    private final long firstFrame;
    private long frames;

    Part(Path file, long firstFrame) {
      this.file = file;
      this.firstFrame = firstFrame;
    }

    public Path file() {
      return file;
    }

    public long firstFrame() {
      return firstFrame;
    }

    public long frames() {
      return frames;
    }
  }

  private final Path stem;
  private final String suffix;
  private final long framesPerFile;
  private final List<Part> parts = new ArrayList<>();

  /**
   * @param framesPerFile frames of a file before the next one starts; {@link Long#MAX_VALUE} to
   *     roll over only when the writer says (a size limit)
   */
  public RollingFiles(Path stem, String suffix, long framesPerFile) {
    this.stem = stem;
    this.suffix = suffix;
    this.framesPerFile = framesPerFile;
  }

  /**
   * Refuses, or with {@code --force} removes, what the first file and earlier numbered parts of the
   * same stem left behind; before anything is written.
   */
  public void prepare(WriterOptions options) {
    OutputFiles.prepare(name(0), options);
    OutputParts.clear(stem, suffix, options);
  }

  /** The name of file number {@code part}. */
  public Path name(int part) {
    boolean numbered = part > 0 || framesPerFile != Long.MAX_VALUE;
    return OutputParts.name(stem, part, numbered, suffix);
  }

  /** The name of the file {@link #start} starts next. */
  public Path nextName() {
    return name(parts.size());
  }

  /** Starts the next file, {@link #nextName()}, at frame {@code firstFrame} of the recording. */
  public Part start(long firstFrame) {
    Part p = new Part(nextName(), firstFrame);
    parts.add(p);
    return p;
  }

  /** The file being written. */
  public Part current() {
    return parts.get(parts.size() - 1);
  }

  /** Whether the current file holds its {@code frames-per-file}. */
  public boolean currentIsFull() {
    return current().frames >= framesPerFile;
  }

  /** Counts a frame written to the current file. */
  public void countFrame() {
    current().frames++;
  }

  /** Every file started, in order. */
  public List<Part> parts() {
    return List.copyOf(parts);
  }

  /** The paths of every file started, in order. */
  public List<Path> files() {
    return parts.stream().map(Part::file).toList();
  }

  /**
   * Writes the sidecar's {@code files} array: each file's name, first frame and frame count, and
   * what {@code extra} adds to each.
   */
  public void writeJson(JsonGenerator g, PartFields extra) throws IOException {
    g.writeArrayFieldStart("files");
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      g.writeStartObject();
      g.writeStringField("file", p.file.getFileName().toString());
      g.writeNumberField("first_frame", p.firstFrame);
      g.writeNumberField("frame_count", p.frames);
      extra.write(g, i);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** More fields of a file's entry in the sidecar. */
  @FunctionalInterface
  public interface PartFields {
    PartFields NONE = (g, i) -> {};

    void write(JsonGenerator g, int part) throws IOException;
  }
}
