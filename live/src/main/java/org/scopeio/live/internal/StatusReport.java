package org.scopeio.live.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.telemetry.FrameTelemetry;
import org.scopeio.telemetry.TelemetryBuffer;

/**
 * The status badges of the live view: frames, frame rates by host and device clock, losses,
 * recording time, output files with their sizes and the free disk space, with a warning when it
 * runs low.
 */
public final class StatusReport {
  /** Warn when the disk fills within this many seconds at the current data rate. */
  static final double WARN_SECONDS_LEFT = 600;

  /** One output file and its size now. */
  public record OutputFile(String name, long bytes) {}

  private final DeviceInfo info;
  private final TelemetryBuffer telemetry;
  private final Path stem;
  private final long diskWarningBytes;
  private final long startNanos;

  public StatusReport(
      DeviceInfo info,
      TelemetryBuffer telemetry,
      Path stem,
      long diskWarningBytes,
      long startNanos) {
    this.info = info;
    this.telemetry = telemetry;
    this.stem = stem.toAbsolutePath();
    this.diskWarningBytes = diskWarningBytes;
    this.startNanos = startNanos;
  }

  /** The status after {@code snapshot} (null before the first frame). */
  public Map<String, Object> report(Snapshot snapshot, long nowNanos) {
    Map<String, Object> m = new LinkedHashMap<>();
    double seconds = (nowNanos - startNanos) / 1e9;
    m.put("device", info.deviceType());
    m.put("description", info.description());
    m.put("width", info.width());
    m.put("height", info.height());
    m.put("pixelType", info.pixelType().id());
    m.put("maxValue", info.pixelType().maxValue());
    m.put("seconds", seconds);
    DeviceCounters c = snapshot == null ? DeviceCounters.NONE : snapshot.counters();
    m.put("frames", snapshot == null ? 0 : snapshot.frames());
    m.put("frameIndex", snapshot == null ? -1 : snapshot.frame().index());
    m.put("fpsHost", rate("interval_host_ms"));
    m.put("fpsDevice", rate("interval_device_ms"));
    m.put("dropped", c.framesDropped());
    m.put("buffersDropped", c.buffersDropped());
    m.put("missing", c.buffersMissing());
    m.put("incomplete", snapshot == null ? 0 : snapshot.incompleteFrames());
    m.put("padded", snapshot == null ? 0 : snapshot.paddedPixels());
    m.put("suspect", snapshot == null ? 0 : snapshot.suspectPixels());
    List<OutputFile> files = new ArrayList<>();
    long written = 0;
    for (Path p : outputFiles()) {
      long size = sizeOf(p);
      written += size;
      files.add(new OutputFile(p.getFileName().toString(), size));
    }
    m.put("files", files);
    m.put("disk", disk(written, seconds));
    return m;
  }

  /** Frames per second from the mean interval over the last second of telemetry, or null. */
  private Double rate(String interval) {
    double fps = FrameTelemetry.frameRateOverLastSecond(telemetry, interval);
    return Double.isNaN(fps) ? null : fps;
  }

  /** The files next to the stem whose names start with the stem's name, sorted by name. */
  List<Path> outputFiles() {
    Path dir = stem.getParent();
    String name = stem.getFileName().toString();
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (p.getFileName().toString().startsWith(name) && Files.isRegularFile(p)) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      return out; // the folder is not there yet: nothing written
    }
    out.sort(null);
    return out;
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0; // renamed or removed between listing and reading
    }
  }

  private Map<String, Object> disk(long written, double seconds) {
    Map<String, Object> d = new LinkedHashMap<>();
    long free;
    try {
      free = Files.getFileStore(stem.getParent()).getUsableSpace();
    } catch (IOException e) {
      d.put("free", null);
      d.put("warning", false);
      return d;
    }
    double bytesPerSecond = seconds > 0 ? written / seconds : 0;
    Double secondsLeft = bytesPerSecond > 0 ? free / bytesPerSecond : null;
    d.put("free", free);
    d.put("bytesPerSecond", bytesPerSecond);
    d.put("secondsLeft", secondsLeft);
    d.put("warningBytes", diskWarningBytes);
    d.put(
        "warning",
        free < diskWarningBytes || (secondsLeft != null && secondsLeft < WARN_SECONDS_LEFT));
    return d;
  }
}
