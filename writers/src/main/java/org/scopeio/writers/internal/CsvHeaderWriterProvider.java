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
  public java.util.Map<String, String> settings() {
    return java.util.Map.of(
        CsvHeaderWriter.COLUMNS_SETTING,
        "scopeio (default: mio's columns, then suspect_px and recovered) or mio (mio's only)");
  }

  @Override
  public FrameWriter create() {
    return new CsvHeaderWriter();
  }
}
