package org.scopeio.writers.internal;

import java.util.List;
import java.util.Map;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.spi.WriterProvider;
import org.scopeio.writers.FfmpegWriter;

/** ServiceLoader entry of the {@code ffv1} format. */
public final class Ffv1WriterProvider implements WriterProvider {
  @Override
  public String format() {
    return "ffv1";
  }

  @Override
  public List<String> extensions() {
    return List.of(".ffv1.mkv", ".ffv1.avi", FfmpegWriter.Codec.FFV1.sidecarSuffix());
  }

  @Override
  public String description() {
    return "lossless FFV1 (8/16-bit gray) in Matroska or AVI through ffmpeg, for archives,"
        + " at the measured frame rate, with optional chunks and a JSON sidecar";
  }

  @Override
  public Map<String, String> settings() {
    return FfmpegWriter.FFV1_SETTINGS;
  }

  @Override
  public FrameWriter create() {
    return new FfmpegWriter(FfmpegWriter.Codec.FFV1);
  }
}
