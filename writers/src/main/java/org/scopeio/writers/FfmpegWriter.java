package org.scopeio.writers;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.Gap;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;
import org.scopeio.core.OutputFiles;
import org.scopeio.writers.internal.FfmpegProcess;
import org.scopeio.writers.internal.FfmpegProgram;
import org.scopeio.writers.internal.FrameChecks;
import org.scopeio.writers.internal.FrameTiming;
import org.scopeio.writers.internal.Gaps;
import org.scopeio.writers.internal.GrayConversion;
import org.scopeio.writers.internal.MadeBy;
import org.scopeio.writers.internal.OutputParts;
import org.scopeio.writers.internal.RollingFiles;
import org.scopeio.writers.internal.VideoEncoding;
import org.scopeio.writers.internal.WriterSettings;

/**
 * Compressed video through an {@code ffmpeg} process: {@link Codec#MP4} (H.264 for sharing) or
 * {@link Codec#FFV1} (lossless, for archives). Raw frames stream to ffmpeg's standard input, as
 * scikit-video and imageio-ffmpeg do; ffmpeg is the configured program ({@code mp4.ffmpeg}, {@code
 * ffv1.ffmpeg}) or the one on the PATH. Without it, {@link #open} fails saying how to install it;
 * every other format works without it.
 *
 * <p><b>Frame rate.</b> Each file is encoded at the best rate known when it starts (the nominal
 * rate for the first) and, when it is finished, re-timed without re-encoding to the rate measured
 * from the device's timestamps (lost frames count as intervals) if the two differ by more than 0.01
 * %: MP4 and Matroska by scaling their timestamps, AVI by rewriting its rate.
 *
 * <p><b>Failures and back-pressure.</b> ffmpeg's standard error is kept; when ffmpeg fails or exits
 * early, the next write or the close throws a {@link WriteException} naming the file and quoting
 * ffmpeg. A fixed number of frame buffers waits for ffmpeg; when it falls behind, {@link #write}
 * waits for it (each wait is counted in the sidecar) and frames are never dropped here: the device
 * queue before the writer absorbs or counts the rest.
 *
 * <p><b>Files.</b> {@code <stem>.mp4} or {@code <stem>.ffv1.mkv} ({@code .ffv1.avi} with {@code
 * ffv1.container=avi}); with {@code frames-per-file=N}, {@code <stem>_000.mp4}, {@code
 * <stem>_001.mp4} ... as the UCLA DAQ writes them. The sidecar {@code <stem>.mp4.json} or {@code
 * <stem>.ffv1.json} lists each file's first frame, frame count and rate, the gaps, the encoder
 * settings, the waits and the ffmpeg version.
 *
 * <p>MP4 holds 8-bit video: 16-bit frames are converted as for AVI ({@code mp4.bits}, clipped
 * pixels counted). FFV1 stores 8- and 16-bit gray bit-exactly.
 */
public final class FfmpegWriter implements FrameWriter {
  /** The codecs, each its own format. */
  public enum Codec {
    /** H.264 in MP4: small, plays everywhere, lossy (quality set by CRF). */
    MP4("mp4"),
    /**
     * FFV1 version 3 in Matroska or AVI: lossless; how much smaller than raw depends on the noise
     * (two thirds of raw on the simulator's noisy scene).
     */
    FFV1("ffv1");

    private final String format;

    Codec(String format) {
      this.format = format;
    }

    /** The format name ({@code mp4}, {@code ffv1}). */
    public String format() {
      return format;
    }

    /** The sidecar's suffix after the stem. */
    public String sidecarSuffix() {
      return "." + format + ".json";
    }

    /** A fresh encoding of this codec, for one recording. */
    VideoEncoding encoding() {
      return this == MP4 ? new VideoEncoding.H264() : new VideoEncoding.Ffv1();
    }
  }

  /** The settings of {@code mp4} (without the prefix), with descriptions. */
  public static final Map<String, String> MP4_SETTINGS = VideoEncoding.H264.SETTINGS;

  /** The settings of {@code ffv1} (without the prefix), with descriptions. */
  public static final Map<String, String> FFV1_SETTINGS = VideoEncoding.Ffv1.SETTINGS;

  /** Relative difference between encoded and measured rate above which a file is re-timed. */
  static final double RETIME_TOLERANCE = 1e-4;

  /** Bytes of frames that may wait for ffmpeg at once. */
  static final int QUEUE_BYTES = 64 << 20;

  private final Codec codec;
  private final VideoEncoding encoding;
  private Path stem;
  private Path sidecarPath;
  private DeviceInfo info;
  private MadeBy madeBy;
  private FfmpegProgram ffmpeg;
  private int frameBytes;
  private int buffers;
  private FfmpegProcess process;
  private RollingFiles files;

  /** Per file: the rate it was encoded at and its final rate (after re-timing). */
  private final List<double[]> rates = new ArrayList<>();

  private final Gaps gaps = new Gaps();
  private final FrameTiming timing = new FrameTiming();
  private long frames;
  private long waits;
  private long waitNanos;
  private boolean failed;
  private boolean closed;

  public FfmpegWriter(Codec codec) {
    this.codec = codec;
    this.encoding = codec.encoding();
  }

  /** The codec written. */
  public Codec codec() {
    return codec;
  }

  @Override
  public void check(WriterOptions options) {
    WriterSettings settings = settings(options);
    settings.positiveLong("frames-per-file", Long.MAX_VALUE);
    encoding.check(settings);
  }

  private WriterSettings settings(WriterOptions options) {
    return WriterSettings.of(codec.format(), options, encoding.settings().keySet());
  }

  @Override
  public void open(Path stem, DeviceInfo info, WriterOptions options) {
    if (sidecarPath != null) {
      throw new IllegalStateException(codec.format() + " writer is already open");
    }
    check(options);
    WriterSettings settings = settings(options);
    this.stem = stem;
    this.info = info;
    this.madeBy = MadeBy.of(options);
    encoding.configure(settings, info);
    files =
        new RollingFiles(
            stem, encoding.suffix(), settings.positiveLong("frames-per-file", Long.MAX_VALUE));
    frameBytes = encoding.frameBytes(info);
    buffers = Math.max(2, Math.min(32, QUEUE_BYTES / frameBytes));
    sidecarPath = OutputFiles.withSuffix(stem, codec.sidecarSuffix());
    OutputFiles.prepare(sidecarPath, options);
    OutputParts.clear(stem, encoding.suffix(), options);
    ffmpeg =
        FfmpegProgram.find(
            settings.text("ffmpeg", null), codec.format() + ".ffmpeg", files.name(0));
    try {
      writeSidecar(sidecarPath, false);
    } catch (IOException e) {
      throw new WriteException(sidecarPath, WriteException.NO_FRAME, "cannot create", e);
    }
    startFile(WriteException.NO_FRAME);
  }

  private double nominalRate() {
    return info.frameRateOr(DeviceInfo.ASSUMED_FRAME_RATE);
  }

  private void startFile(long frameIndex) {
    double rate = timing.frameRateOr(nominalRate());
    Path file = files.nextName();
    process = FfmpegProcess.start(encodeCommand(file, rate), file, buffers, frameBytes, frameIndex);
    files.start(frames);
    rates.add(new double[] {rate, rate});
  }

  /** ffmpeg, quiet but for errors, overwriting its output (a part of ours, cleared at open). */
  private List<String> ffmpegCommand() {
    List<String> cmd = new ArrayList<>();
    cmd.add(ffmpeg.path().toString());
    cmd.addAll(List.of("-hide_banner", "-nostats", "-loglevel", "error", "-y"));
    return cmd;
  }

  private List<String> encodeCommand(Path file, double rate) {
    List<String> cmd = ffmpegCommand();
    cmd.addAll(
        List.of(
            "-f",
            "rawvideo",
            "-pix_fmt",
            encoding.inputPixelFormat(info),
            "-video_size",
            info.width() + "x" + info.height(),
            "-framerate",
            rate(rate),
            "-i",
            "pipe:0"));
    encoding.addOutputArguments(cmd, info);
    cmd.add(file.toString());
    return cmd;
  }

  private static String rate(double r) {
    return String.format(Locale.ROOT, "%.6f", r);
  }

  @Override
  public void write(Frame frame) {
    requireOpen();
    FrameChecks.requireMatches(files.current().file(), info, frame);
    try {
      if (files.currentIsFull()) {
        finishFile(frame.index());
        startFile(frame.index());
        writeSidecar(sidecarPath, false);
      }
      byte[] b = process.buffer(frame.index());
      encoding.fill(frame, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
      process.send(b);
    } catch (WriteException e) {
      failed = true;
      throw e;
    } catch (IOException e) {
      failed = true;
      throw new WriteException(sidecarPath, frame.index(), "cannot update", e);
    }
    timing.add(frame);
    frames++;
    files.countFrame();
  }

  /** Lets ffmpeg finish the current file, then re-times it to the measured rate if needed. */
  private void finishFile(long frameIndex) {
    try {
      process.finish(frameIndex);
    } finally {
      waits += process.waits();
      waitNanos += process.waitNanos();
    }
    double measured = timing.measuredFrameRate();
    double[] rate = rates.get(rates.size() - 1);
    if (!Double.isNaN(measured)
        && Math.abs(measured / rate[0] - 1) > RETIME_TOLERANCE
        && files.current().frames() > 0) {
      retime(files.current().file(), rate, measured, frameIndex);
    }
  }

  /**
   * Re-times {@code file}, encoded at {@code rate[0]}, to {@code measured}; sets {@code rate[1]}.
   */
  private void retime(Path file, double[] rate, double measured, long frameIndex) {
    String container = encoding.container();
    Path tmp = OutputFiles.withSuffix(file, ".retime.tmp");
    List<String> cmd = ffmpegCommand();
    String format;
    if (container.equals("avi")) {
      cmd.addAll(List.of("-r", rate(measured)));
      format = "avi";
    } else {
      cmd.addAll(List.of("-itsscale", String.format(Locale.ROOT, "%.9f", rate[0] / measured)));
      format = container.equals("mkv") ? "matroska" : "mp4";
    }
    cmd.addAll(List.of("-i", file.toString(), "-map", "0", "-c", "copy"));
    if (format.equals("mp4")) {
      cmd.addAll(List.of("-movflags", "+faststart"));
    }
    cmd.addAll(List.of("-f", format, tmp.toString()));
    FfmpegProcess p = FfmpegProcess.start(cmd, file, 1, 1, frameIndex);
    p.finish(frameIndex);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new WriteException(file, frameIndex, "cannot replace with its re-timed copy", e);
    }
    rate[1] = measured;
  }

  @Override
  public void gap(Gap gap) {
    long count = gap.frames();
    requireOpen();
    gaps.add(frames, count);
    timing.gap(count);
  }

  @Override
  public List<Path> files() {
    List<Path> all = new ArrayList<>(files == null ? List.of() : files.files());
    if (sidecarPath != null) {
      all.add(sidecarPath);
    }
    return all;
  }

  /** Frames written so far. */
  public long frameCount() {
    return frames;
  }

  /** Times a frame waited because ffmpeg was behind (back-pressure), in finished files. */
  public long encoderWaits() {
    return waits;
  }

  @Override
  public void close() {
    if (closed || process == null) {
      closed = true;
      return;
    }
    closed = true;
    if (failed) {
      process.abort(); // the write that failed has reported why
      return;
    }
    finishFile(WriteException.NO_FRAME);
    try {
      OutputParts.replace(sidecarPath, tmp -> writeSidecar(tmp, true));
    } catch (IOException e) {
      throw new WriteException(sidecarPath, WriteException.NO_FRAME, "cannot complete", e);
    }
  }

  private void requireOpen() {
    if (process == null || closed) {
      throw new IllegalStateException(codec.format() + " writer is not open");
    }
  }

  private void writeSidecar(Path target, boolean complete) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(target.toFile(), JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", "scopeio-" + codec.format());
      g.writeNumberField("format_version", 1);
      madeBy.writeJson(g);
      g.writeBooleanField("complete", complete);
      g.writeNumberField("width", info.width());
      g.writeNumberField("height", info.height());
      g.writeStringField("pixel_type", info.pixelType().id());
      g.writeStringField("container", encoding.container());
      g.writeObjectFieldStart("encoder");
      encoding.writeEncoderJson(g, info);
      g.writeEndObject();
      GrayConversion conversion = encoding.conversion();
      if (conversion != null) {
        conversion.writeJson(g);
      } else {
        g.writeNullField("conversion");
      }
      g.writeNumberField("frame_count", frames);
      g.writeNumberField("frames_lost", gaps.lost());
      g.writeNumberField("frame_rate", timing.frameRateOr(nominalRate()));
      g.writeStringField("frame_rate_source", timing.rateSource(info.hasFrameRate()));
      files.writeJson(g, (gen, part) -> gen.writeNumberField("frame_rate", rates.get(part)[1]));
      gaps.writeJson(g);
      g.writeObjectFieldStart("back_pressure");
      g.writeNumberField("buffers", buffers);
      g.writeNumberField("waits", waits);
      g.writeNumberField("wait_ms", waitNanos / 1_000_000);
      g.writeEndObject();
      g.writeObjectFieldStart("ffmpeg");
      g.writeStringField("path", ffmpeg.path().toString());
      g.writeStringField("version", ffmpeg.version());
      g.writeEndObject();
      g.writeEndObject();
    }
  }
}
