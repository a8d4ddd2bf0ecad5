package org.scopeio.writers.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.PixelType;

/**
 * What differs between the codecs the ffmpeg writer drives: its settings, the container and file
 * suffix, the pixels sent to ffmpeg, ffmpeg's codec arguments and the sidecar's {@code encoder}
 * object. One object per recording, {@link #configure configured} at open.
 */
public sealed interface VideoEncoding permits VideoEncoding.H264, VideoEncoding.Ffv1 {

  /** The settings, without the format's prefix, with descriptions. */
  Map<String, String> settings();

  /** Validates the settings. */
  void check(WriterSettings settings);

  /** Reads the settings for a recording of {@code info}. */
  void configure(WriterSettings settings, DeviceInfo info);

  /** The container written ({@code mp4}, {@code mkv}, {@code avi}). */
  String container();

  /** The file name's suffix after the stem (and part number). */
  String suffix();

  /** Bytes of one frame sent to ffmpeg. */
  int frameBytes(DeviceInfo info);

  /** ffmpeg's name of the raw pixel format sent. */
  String inputPixelFormat(DeviceInfo info);

  /** The codec, filter and container arguments, after the input's. */
  void addOutputArguments(List<String> command, DeviceInfo info);

  /** Puts a frame's pixels as sent to ffmpeg into {@code buffer}. */
  void fill(Frame frame, ByteBuffer buffer);

  /** The fields of the sidecar's {@code encoder} object. */
  void writeEncoderJson(JsonGenerator g, DeviceInfo info) throws IOException;

  /** The 16-to-8-bit conversion applied, or {@code null} when pixels are stored as they are. */
  GrayConversion conversion();

  /** H.264 in MP4: 8-bit gray, full range, 4:2:0 (odd sizes padded). */
  final class H264 implements VideoEncoding {
    public static final Map<String, String> SETTINGS =
        Map.of(
            "ffmpeg", "path of the ffmpeg program (default: ffmpeg on the PATH)",
            "crf", "H.264 constant rate factor, 0-51, lower is better (default 18)",
            "preset", "x264 speed preset, ultrafast ... veryslow (default veryfast)",
            "frames-per-file", "roll over to a new file every N frames (<stem>_000.mp4, _001 ...)",
            "bits",
                "significant bits of 16-bit input (9-16, default 16); pixels become v >> (bits-8)");

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

    private int crf;
    private String preset;
    private GrayConversion conversion;

    @Override
    public Map<String, String> settings() {
      return SETTINGS;
    }

    @Override
    public void check(WriterSettings settings) {
      settings.intInRange("crf", 0, 51, 18);
      settings.choice("preset", PRESETS, "veryfast");
      settings.intInRange("bits", 9, 16, 16);
    }

    @Override
    public void configure(WriterSettings settings, DeviceInfo info) {
      crf = settings.intInRange("crf", 0, 51, 18);
      preset = settings.choice("preset", PRESETS, "veryfast");
      conversion = settings.grayConversion(info.pixelType());
    }

    @Override
    public String container() {
      return "mp4";
    }

    @Override
    public String suffix() {
      return ".mp4";
    }

    @Override
    public int frameBytes(DeviceInfo info) {
      return info.width() * info.height();
    }

    @Override
    public String inputPixelFormat(DeviceInfo info) {
      return "gray";
    }

    @Override
    public void addOutputArguments(List<String> cmd, DeviceInfo info) {
      cmd.addAll(List.of("-c:v", "libx264", "-preset", preset, "-crf", Integer.toString(crf)));
      // full-range luma keeps all 256 gray levels (limited range would squeeze them into 220);
      // 4:2:0 needs even sizes: an odd size gets one black column or row, as the sidecar says
      String filter =
          "scale=out_range=full" + (oddSize(info) ? ",pad=ceil(iw/2)*2:ceil(ih/2)*2" : "");
      cmd.addAll(List.of("-vf", filter, "-color_range", "pc", "-pix_fmt", "yuv420p"));
      cmd.addAll(List.of("-movflags", "+faststart", "-f", "mp4"));
    }

    private static boolean oddSize(DeviceInfo info) {
      return info.width() % 2 != 0 || info.height() % 2 != 0;
    }

    @Override
    public void fill(Frame frame, ByteBuffer buffer) {
      conversion.convert(frame, buffer);
    }

    @Override
    public void writeEncoderJson(JsonGenerator g, DeviceInfo info) throws IOException {
      g.writeStringField("codec", "h264 (libx264)");
      g.writeNumberField("crf", crf);
      g.writeStringField("preset", preset);
      g.writeStringField("pix_fmt", "yuv420p (full range)");
      g.writeBooleanField("padded_to_even_size", oddSize(info));
    }

    @Override
    public GrayConversion conversion() {
      return conversion;
    }
  }

  /** FFV1 version 3 in Matroska or AVI: lossless, 8 or 16-bit gray as recorded. */
  final class Ffv1 implements VideoEncoding {
    public static final Map<String, String> SETTINGS =
        Map.of(
            "ffmpeg", "path of the ffmpeg program (default: ffmpeg on the PATH)",
            "container", "mkv (Matroska, default) or avi",
            "frames-per-file",
                "roll over to a new file every N frames (<stem>_000.ffv1.mkv, _001 ...)");

    private String container;

    @Override
    public Map<String, String> settings() {
      return SETTINGS;
    }

    @Override
    public void check(WriterSettings settings) {
      settings.choice("container", List.of("mkv", "avi"), "mkv");
    }

    @Override
    public void configure(WriterSettings settings, DeviceInfo info) {
      container = settings.choice("container", List.of("mkv", "avi"), "mkv");
    }

    @Override
    public String container() {
      return container;
    }

    @Override
    public String suffix() {
      return ".ffv1." + container;
    }

    @Override
    public int frameBytes(DeviceInfo info) {
      return info.width() * info.height() * info.pixelType().bytes();
    }

    @Override
    public String inputPixelFormat(DeviceInfo info) {
      return info.pixelType() == PixelType.UINT16 ? "gray16le" : "gray";
    }

    @Override
    public void addOutputArguments(List<String> cmd, DeviceInfo info) {
      cmd.addAll(List.of("-c:v", "ffv1", "-level", "3", "-g", "1", "-slices", "4"));
      cmd.addAll(List.of("-slicecrc", "1", "-f", container.equals("mkv") ? "matroska" : "avi"));
    }

    @Override
    public void fill(Frame frame, ByteBuffer buffer) {
      frame.copyPixelsTo(buffer);
    }

    @Override
    public void writeEncoderJson(JsonGenerator g, DeviceInfo info) throws IOException {
      g.writeStringField("codec", "ffv1");
      g.writeNumberField("level", 3);
      g.writeNumberField("gop", 1);
      g.writeNumberField("slices", 4);
      g.writeBooleanField("slice_crc", true);
      g.writeStringField("pix_fmt", inputPixelFormat(info));
    }

    @Override
    public GrayConversion conversion() {
      return null;
    }
  }
}
