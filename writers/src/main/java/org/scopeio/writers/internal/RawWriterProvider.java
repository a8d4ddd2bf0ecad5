package org.scopeio.writers.internal;

import java.util.List;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.spi.WriterProvider;
import org.scopeio.writers.RawWriter;

/** ServiceLoader entry of the {@code raw} format. */
public final class RawWriterProvider implements WriterProvider {
  @Override
  public String format() {
    return "raw";
  }

  @Override
  public List<String> extensions() {
    return List.of(RawWriter.RAW, RawWriter.SIDECAR);
  }

  @Override
  public String description() {
    return "raw pixels (row-major, 16-bit little-endian) with a JSON sidecar for memory mapping";
  }

  @Override
  public FrameWriter create() {
    return new RawWriter();
  }
}
