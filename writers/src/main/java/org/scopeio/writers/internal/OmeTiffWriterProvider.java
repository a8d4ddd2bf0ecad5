package org.scopeio.writers.internal;

import java.util.List;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.spi.WriterProvider;
import org.scopeio.writers.OmeTiffWriter;

/** ServiceLoader entry of the {@code ome-tiff} format. */
public final class OmeTiffWriterProvider implements WriterProvider {
  @Override
  public String format() {
    return "ome-tiff";
  }

  @Override
  public List<String> extensions() {
    return List.of(OmeTiffWriter.TIFF, OmeTiffWriter.FRAME_METADATA);
  }

  @Override
  public String description() {
    return "OME-TIFF (BigTIFF, one plane per frame, OME-XML with per-plane times)"
        + " and a per-frame metadata JSON sidecar";
  }

  @Override
  public FrameWriter create() {
    return new OmeTiffWriter();
  }
}
