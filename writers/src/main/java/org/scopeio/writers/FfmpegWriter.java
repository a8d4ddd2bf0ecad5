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
import org.scopeio.api.PixelType;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;
import org.scopeio.core.OutputFiles;
import org.scopeio.writers.internal.FfmpegProcess;
import org.scopeio.writers.internal.FfmpegProgram;
import org.scopeio.writers.internal.FrameChecks;
import org.scopeio.writers.internal.FrameTiming;
import org.scopeio.writers.internal.Gaps;
import org.scopeio.writers.internal.GrayConversion;
import org.scopeio.writers.internal.OutputParts;
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
  }

  /** The settings of {@code mp4} (without the prefix), with descriptions. */
  public static final Map<String, String> MP4_SETTINGS =
      Map.of(
          "ffmpeg", "path of the ffmpeg program (default: ffmpeg on the PATH)",
          "crf", "H.264 constant rate factor, 0-51, lower is better (default 18)",
          "preset", "x264 speed preset, ultrafast ... veryslow (default veryfast)",
          "frames-per-file", "roll over to a new file every N frames (<stem>_000.mp4, _001 ...)",
          "bits",
              "significant bits of 16-bit input (9-16, default 16); pixels become v >> (bits-8)");

  /** The settings of {@code ffv1} (without the prefix), with descriptions. */
  public static final Map<String, String> FFV1_SETTINGS =
      Map.of(
          "ffmpeg", "path of the ffmpeg program (default: ffmpeg on the PATH)",
          "container", "mkv (Matroska, default) or avi",
          "frames-per-file",
              "roll over to a new file every N frames (<stem>_000.ffv1.mkv, _001 ...)");

  static final List<String> PRESETS =
      List.of(
          "ultrafast",
          "superfast",
          "veryfast",
          "faster",
          "fast",
          "medium",
          "slow",
          "slower",
          "veryslow");

  /** Relative difference between encoded and measured rate above which a file is re-timed. */
  static final double RETIME_TOLERANCE = 1e-4;

  /** Bytes of frames that may wait for ffmpeg at once. */
  static final int QUEUE_BYTES = 64 << 20;

  private final Codec codec;
  private Path stem;
  private Path sidecarPath;
  private DeviceInfo info;
  private FfmpegProgram ffmpeg;
  private String suffix;
  private String container;
  private long framesPerFile;
  private int crf;
  private String preset;
  private GrayConversion conversion;
  private int frameBytes;
  private int buffers;
  private FfmpegProcess process;
  private Chunk current;
  private final List<Chunk> chunks = new ArrayList<>();
  private final Gaps gaps = new Gaps();
  private final FrameTiming timing = new FrameTiming();
  private long frames;
  private long waits;
  private long waitNanos;
  private boolean failed;
  private boolean closed;

  /** One output file: its first frame, frames, the rate it was encoded at and its final rate. */
  private static final class Chunk {
    final Path file;
    final long firstFrame;
    final double encodedRate;
    long frames;
    double rate;

    Chunk(Path file, long firstFrame, double encodedRate) {
      this.file = file;
      this.firstFrame = firstFrame;
      this.encodedRate = encodedRate;
      this.rate = encodedRate;
    }
  }

  public FfmpegWriter(Codec codec) {
    this.codec = codec;
  }

  /** The codec written. */
  public Codec codec() {
    return codec;
  }

  @Override
  public void check(WriterOptions options) {
    boolean mp4 = codec == Codec.MP4;
    WriterSettings settings =
        WriterSettings.of(codec.format(), options, (mp4 ? MP4_SETTINGS : FFV1_SETTINGS).keySet());
    settings.positiveLong("frames-per-file", Long.MAX_VALUE);
    if (mp4) {
      settings.intInRange("crf", 0, 51, 18);
      settings.choice("preset", PRESETS, "veryfast");
      settings.intInRange("bits", 9, 16, 16);
    } else {
      settings.choice("container", List.of("mkv", "avi"), "mkv");
    }
  }

  @Override
  public void open(Path stem, DeviceInfo info, WriterOptions options) {
    if (sidecarPath != null) {
      throw new IllegalStateException(codec.format() + " writer is already open");
    }
    check(options);
    boolean mp4 = codec == Codec.MP4;
    WriterSettings settings =
        WriterSettings.of(codec.format(), options, (mp4 ? MP4_SETTINGS : FFV1_SETTINGS).keySet());
    this.stem = stem;
    this.info = info;
    this.framesPerFile = settings.positiveLong("frames-per-file", Long.MAX_VALUE);
    if (mp4) {
      crf = settings.intInRange("crf", 0, 51, 18);
      preset = settings.choice("preset", PRESETS, "veryfast");
      conversion = settings.grayConversion(info.pixelType());
      container = "mp4";
      suffix = ".mp4";
      frameBytes = info.width() * info.height();
    } else {
      container = settings.choice("container", List.of("mkv", "avi"), "mkv");
      suffix = ".ffv1." + container;
      frameBytes = info.width() * info.height() * info.pixelType().bytes();
    }
    buffers = Math.max(2, Math.min(32, QUEUE_BYTES / frameBytes));
    sidecarPath = OutputFiles.withSuffix(stem, codec.sidecarSuffix());
    OutputFiles.prepare(sidecarPath, options);
    OutputParts.clear(stem, suffix, options);
    ffmpeg =
        FfmpegProgram.find(settings.text("ffmpeg", null), codec.format() + ".ffmpeg", fileName(0));
    try {
      writeSidecar(sidecarPath, false);
    } catch (IOException e) {
      throw new WriteException(sidecarPath, WriteException.NO_FRAME, "cannot create", e);
    }
    startChunk(WriteException.NO_FRAME);
  }

  /** File {@code part} of the recording. */
  private Path fileName(int part) {
    return OutputParts.name(stem, part, framesPerFile != Long.MAX_VALUE, suffix);
  }

  private double nominalRate() {
    return info.frameRateOr(DeviceInfo.ASSUMED_FRAME_RATE);
  }

  private void startChunk(long frameIndex) {
    double rate = timing.frameRateOr(nominalRate());
    Chunk c = new Chunk(fileName(chunks.size()), frames, rate);
    process = FfmpegProcess.start(encodeCommand(c), c.file, buffers, frameBytes, frameIndex);
    current = c;
    chunks.add(c);
  }

  /** ffmpeg, quiet but for errors, overwriting its output (a part of ours, cleared at open). */
  private List<String> ffmpegCommand() {
    List<String> cmd = new ArrayList<>();
    cmd.add(ffmpeg.path().toString());
    cmd.addAll(List.of("-hide_banner", "-nostats", "-loglevel", "error", "-y"));
    return cmd;
  }

  private List<String> encodeCommand(Chunk c) {
    List<String> cmd = ffmpegCommand();
    boolean sixteen = codec == Codec.FFV1 && info.pixelType() == PixelType.UINT16;
    cmd.addAll(
        List.of(
            "-f",
            "rawvideo",
            "-pix_fmt",
            sixteen ? "gray16le" : "gray",
            "-video_size",
            info.width() + "x" + info.height(),
            "-framerate",
            rate(c.encodedRate),
            "-i",
            "pipe:0"));
    if (codec == Codec.MP4) {
      cmd.addAll(List.of("-c:v", "libx264", "-preset", preset, "-crf", Integer.toString(crf)));
      // full-range luma keeps all 256 gray levels (limited range would squeeze them into 220);
      // 4:2:0 needs even sizes: an odd size gets one black column or row, as the sidecar says
      String filter = "scale=out_range=full" + (oddSize() ? ",pad=ceil(iw/2)*2:ceil(ih/2)*2" : "");
      cmd.addAll(List.of("-vf", filter, "-color_range", "pc", "-pix_fmt", "yuv420p"));
      cmd.addAll(List.of("-movflags", "+faststart", "-f", "mp4"));
    } else {
      cmd.addAll(List.of("-c:v", "ffv1", "-level", "3", "-g", "1", "-slices", "4"));
      cmd.addAll(List.of("-slicecrc", "1", "-f", container.equals("mkv") ? "matroska" : "avi"));
    }
    cmd.add(c.file.toString());
    return cmd;
  }

  private boolean oddSize() {
    return info.width() % 2 != 0 || info.height() % 2 != 0;
  }

  private static String rate(double r) {
    return String.format(Locale.ROOT, "%.6f", r);
  }

  @Override
  public void write(Frame frame) {
    requireOpen();
    FrameChecks.requireMatches(current.file, info, frame);
    try {
      if (current.frames >= framesPerFile) {
        finishChunk(frame.index());
        startChunk(frame.index());
        writeSidecar(sidecarPath, false);
      }
      byte[] b = process.buffer(frame.index());
      ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
      if (codec == Codec.MP4) {
        conversion.convert(frame, buf);
      } else {
        frame.copyPixelsTo(buf);
      }
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
    current.frames++;
  }

  /** Lets ffmpeg finish the current file, then re-times it to the measured rate if needed. */
  private void finishChunk(long frameIndex) {
    try {
      process.finish(frameIndex);
    } finally {
      waits += process.waits();
      waitNanos += process.waitNanos();
    }
    double measured = timing.measuredFrameRate();
    if (!Double.isNaN(measured)
        && Math.abs(measured / current.encodedRate - 1) > RETIME_TOLERANCE
        && current.frames > 0) {
      retime(current, measured, frameIndex);
    }
  }

  private void retime(Chunk c, double measured, long frameIndex) {
    Path tmp = OutputFiles.withSuffix(c.file, ".retime.tmp");
    List<String> cmd = ffmpegCommand();
    String format;
    if (container.equals("avi")) {
      cmd.addAll(List.of("-r", rate(measured)));
      format = "avi";
    } else {
      cmd.addAll(
          List.of("-itsscale", String.format(Locale.ROOT, "%.9f", c.encodedRate / measured)));
      format = container.equals("mkv") ? "matroska" : "mp4";
    }
    cmd.addAll(List.of("-i", c.file.toString(), "-map", "0", "-c", "copy"));
    if (format.equals("mp4")) {
      cmd.addAll(List.of("-movflags", "+faststart"));
    }
    cmd.addAll(List.of("-f", format, tmp.toString()));
    FfmpegProcess p = FfmpegProcess.start(cmd, c.file, 1, 1, frameIndex);
    p.finish(frameIndex);
    try {
      Files.move(tmp, c.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new WriteException(c.file, frameIndex, "cannot replace with its re-timed copy", e);
    }
    c.rate = measured;
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
    List<Path> all = new ArrayList<>();
    chunks.forEach(c -> all.add(c.file));
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
    if (closed || current == null) {
      closed = true;
      return;
    }
    closed = true;
    if (failed) {
      process.abort(); // the write that failed has reported why
      return;
    }
    finishChunk(WriteException.NO_FRAME);
    try {
      OutputParts.replace(sidecarPath, tmp -> writeSidecar(tmp, true));
    } catch (IOException e) {
      throw new WriteException(sidecarPath, WriteException.NO_FRAME, "cannot complete", e);
    }
  }

  private void requireOpen() {
    if (current == null || closed) {
      throw new IllegalStateException(codec.format() + " writer is not open");
    }
  }

  private void writeSidecar(Path target, boolean complete) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(target.toFile(), JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", "scopeio-" + codec.format());
      g.writeNumberField("format_version", 1);
      g.writeBooleanField("complete", complete);
      g.writeNumberField("width", info.width());
      g.writeNumberField("height", info.height());
      g.writeStringField("pixel_type", info.pixelType().id());
      g.writeStringField("container", container);
      g.writeObjectFieldStart("encoder");
      if (codec == Codec.MP4) {
        g.writeStringField("codec", "h264 (libx264)");
        g.writeNumberField("crf", crf);
        g.writeStringField("preset", preset);
        g.writeStringField("pix_fmt", "yuv420p (full range)");
        g.writeBooleanField("padded_to_even_size", oddSize());
      } else {
        g.writeStringField("codec", "ffv1");
        g.writeNumberField("level", 3);
        g.writeNumberField("gop", 1);
        g.writeNumberField("slices", 4);
        g.writeBooleanField("slice_crc", true);
        g.writeStringField("pix_fmt", info.pixelType() == PixelType.UINT16 ? "gray16le" : "gray");
      }
      g.writeEndObject();
      if (conversion != null) {
        conversion.writeJson(g);
      } else {
        g.writeNullField("conversion");
      }
      g.writeNumberField("frame_count", frames);
      g.writeNumberField("frames_lost", gaps.lost());
      g.writeNumberField("frame_rate", timing.frameRateOr(nominalRate()));
      g.writeStringField("frame_rate_source", timing.rateSource(info.hasFrameRate()));
      g.writeArrayFieldStart("files");
      for (Chunk c : chunks) {
        g.writeStartObject();
        g.writeStringField("file", c.file.getFileName().toString());
        g.writeNumberField("first_frame", c.firstFrame);
        g.writeNumberField("frame_count", c.frames);
        g.writeNumberField("frame_rate", c.rate);
        g.writeEndObject();
      }
      g.writeEndArray();
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
