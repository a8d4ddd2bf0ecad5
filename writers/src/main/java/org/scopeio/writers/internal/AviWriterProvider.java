package org.scopeio.writers.internal;

import java.util.List;
import java.util.Map;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.spi.WriterProvider;
import org.scopeio.writers.AviWriter;

/** ServiceLoader entry of the {@code avi} format. */
public final class AviWriterProvider implements WriterProvider {
  @Override
  public String format() {
    return "avi";
  }

  @Override
  public List<String> extensions() {
    return List.of(AviWriter.AVI, AviWriter.SIDECAR);
  }

  @Override
  public String description() {
    return "uncompressed 8-bit gray AVI (Y800) at the measured frame rate, with roll-over"
        + " and a JSON sidecar of files and gaps";
  }

  @Override
  public Map<String, String> settings() {
    return AviWriter.SETTINGS;
  }

  @Override
  public FrameWriter create() {
    return new AviWriter();
  }
}
