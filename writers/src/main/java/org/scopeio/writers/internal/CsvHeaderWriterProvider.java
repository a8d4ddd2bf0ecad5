package org.scopeio.writers.internal;

import java.util.List;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.spi.WriterProvider;
import org.scopeio.writers.CsvHeaderWriter;

/** ServiceLoader entry of the {@code csv} format. */
public final class CsvHeaderWriterProvider implements WriterProvider {
  @Override
  public String format() {
    return "csv";
  }

  @Override
  public List<String> extensions() {
    return List.of(CsvHeaderWriter.EXTENSION);
  }

  @Override
  public String description() {
    return "buffer headers, one row per buffer, mio-compatible columns";
  }

  @Override
  public FrameWriter create() {
    return new CsvHeaderWriter();
  }
}
