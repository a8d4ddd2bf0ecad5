package org.scopeio.writers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.Gap;
import org.scopeio.api.WriterOptions;
import org.scopeio.api.WriterRegistry;
import org.scopeio.api.spi.WriterProvider;
import org.scopeio.core.OutputFiles;

/**
 * Fans one stream out to several writers (for example {@code --format raw,csv}). Every frame and
 * gap goes to every writer in order; the first failure is raised after the remaining writers have
 * been closed on {@link #close()}.
 */
public final class CompositeWriter implements FrameWriter {
  /**
   * The longest stem, in bytes, for which every file of every format here fits {@link
   * OutputFiles#MAX_NAME_BYTES}: the longest suffix is the OME-TIFF's frame metadata journal's,
   * longer than the numbered parts' ({@code _000.ffv1.mkv}). Checked before anything is created,
   * since not every file a writer makes is one of its provider's extensions.
   */
  public static final int MAX_STEM_BYTES =
      OutputFiles.MAX_NAME_BYTES - OmeTiffWriter.FRAME_METADATA_JOURNAL.length();

  private final List<FrameWriter> writers;
  private final List<WriterProvider> providers;
  private final List<FrameWriter> opened = new ArrayList<>();

  private CompositeWriter(List<WriterProvider> providers, List<FrameWriter> writers) {
    this.providers = providers;
    this.writers = writers;
  }

  /** A composite of new writers for {@code formats}, looked up in {@code registry}. */
  public static CompositeWriter forFormats(WriterRegistry registry, List<String> formats) {
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("at least one output format is needed");
    }
    List<WriterProvider> providers = new ArrayList<>();
    List<FrameWriter> writers = new ArrayList<>();
    for (String f : formats) {
      WriterProvider p = registry.provider(f.trim());
      if (providers.contains(p)) {
        throw new IllegalArgumentException("format '" + f + "' is listed twice");
      }
      providers.add(p);
      writers.add(p.create());
    }
    return new CompositeWriter(List.copyOf(providers), List.copyOf(writers));
  }

  /** A composite of the given writers. */
  public static CompositeWriter of(List<FrameWriter> writers) {
    return new CompositeWriter(List.of(), List.copyOf(writers));
  }

  /**
   * Opens every writer. Before creating anything it checks, for writers made by {@link
   * #forFormats}, that none of their files exists (unless overwriting is allowed), so a refused
   * recording leaves no half-created files behind.
   */
  @Override
  public void open(Path stem, DeviceInfo info, WriterOptions options) {
    checkOutputs(stem, options);
    try {
      for (FrameWriter w : writers) {
        w.open(stem, info, options);
        opened.add(w);
      }
    } catch (RuntimeException e) {
      closeAll(e);
      throw e;
    }
  }

  /**
   * Fails if a file of a writer made by {@link #forFormats} is an input of the recording, or exists
   * and {@code options} forbid overwriting; creates the output directory. Callers check before
   * starting a device.
   *
   * @throws org.scopeio.api.WriteException naming the first existing file
   */
  public void checkOutputs(Path stem, WriterOptions options) {
    OutputFiles.requireNameFits(
        OutputFiles.requireStem(stem),
        MAX_STEM_BYTES,
        "the output stem's file name",
        "a stem",
        "every file of every format fits");
    for (FrameWriter w : writers) {
      w.check(options);
    }
    for (WriterProvider p : providers) {
      for (String ext : p.extensions()) {
        OutputFiles.prepare(OutputFiles.withSuffix(stem, ext), options);
      }
    }
  }

  @Override
  public void write(Frame frame) {
    for (FrameWriter w : writers) {
      w.write(frame);
    }
  }

  @Override
  public void gap(Gap gap) {
    for (FrameWriter w : writers) {
      w.gap(gap);
    }
  }

  @Override
  public List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (FrameWriter w : writers) {
      files.addAll(w.files());
    }
    return files;
  }

  @Override
  public void close() {
    RuntimeException first = closeAll(null);
    if (first != null) {
      throw first;
    }
  }

  private RuntimeException closeAll(RuntimeException primary) {
    RuntimeException first = null;
    for (FrameWriter w : opened) {
      try {
        w.close();
      } catch (RuntimeException e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    opened.clear();
    return first;
  }
}
