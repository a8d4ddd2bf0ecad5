package org.scopeio.writers.internal;

import java.util.List;
import java.util.Map;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.spi.WriterProvider;
import org.scopeio.writers.FfmpegWriter;

/** ServiceLoader entry of the {@code mp4} format. */
public final class Mp4WriterProvider implements WriterProvider {
  @Override
  public String format() {
    return "mp4";
  }

  @Override
  public List<String> extensions() {
    return List.of(".mp4", FfmpegWriter.Codec.MP4.sidecarSuffix());
  }

  @Override
  public String description() {
    return "H.264 MP4 through ffmpeg for sharing (lossy, CRF 18), at the measured frame rate,"
        + " with optional chunks and a JSON sidecar";
  }

  @Override
  public Map<String, String> settings() {
    return FfmpegWriter.MP4_SETTINGS;
  }

  @Override
  public FrameWriter create() {
    return new FfmpegWriter(FfmpegWriter.Codec.MP4);
  }
}
