package org.scopeio.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.scopeio.api.PixelType;
import org.scopeio.core.EnumIds;
import org.scopeio.format.SdLayout;

/**
 * Writes byte-exact wire-free SD card images (docs/formats.md §3) of a {@link CalciumScene}, for
 * any {@link SdLayout}, frame size, frame rate and buffer size, optionally with the faults real
 * cards show. The image is written as it is encoded (constant memory).
 *
 * <p>Buffers: each frame's {@code width * height} pixel bytes are cut into buffers of {@code
 * bufferSize - 4 * L} bytes (the last one shorter), each written as an {@code L}-word header, its
 * pixels, and zero slack up to the next 512-byte sector.
 */
public final class SdImageEncoder {

  /** Faults a card can have. */
  public enum Fault {
    /**
     * The recorder could not keep up and dropped buffers, counting them in {@code
     * dropped_buffer_count}: buffer 1 of every 7th frame from frame 2, and buffer 0 (the frame's
     * first) of every 7th frame from frame 5. The buffers after a dropped one keep their {@code
     * frame_buffer_count}.
     */
    DROPPED_BUFFERS,
    /** Zeroed sectors follow the data and the config sector holds no buffer counts. */
    ZEROED_TAIL,
    /** Buffers of an older, longer recording follow the end of this one. */
    STALE_DATA,
    /** The image stops in the middle of the last frame. */
    TRUNCATED_FINAL_FRAME,
    /** The data_length word of the first buffer of the middle frame is corrupt. */
    CORRUPT_HEADER,
    /** The header length word of buffer 1 of the frame three quarters in is corrupt. */
    CORRUPT_LENGTH;

    public static Fault fromId(String id) {
      return EnumIds.parse(Fault.class, id, "SD card fault");
    }

    public String id() {
      return EnumIds.id(this);
    }
  }

  /** Receives each frame as it is encoded (tests keep them to compare with what is read). */
  @FunctionalInterface
  public interface FrameSink {
    void accept(int frame, byte[] pixels);
  }

  /**
   * What the card holds.
   *
   * @param frames frames whose every buffer was written
   * @param buffersWritten buffers of this recording on the card
   * @param buffersDropped buffers counted as dropped
   * @param bytes image size
   * @param corruptOffset byte offset of the corrupted word, or -1
   */
  public record Result(
      int frames, long buffersWritten, long buffersDropped, long bytes, long corruptOffset) {}

  private static final Map<String, Long> SETTINGS =
      Map.of(
          "gain", 2L,
          "led", 30L,
          "ewl", 120L,
          "record_length", 60L,
          "delay_start", 0L,
          "battery_cutoff", 3300L);

  private final SdLayout layout;
  private final SceneConfig scene;
  private final int frames;
  private final int bufferSize;
  private final Set<Fault> faults;

  /**
   * @param scene frame size, frame rate and seed (8-bit)
   * @param bufferSize bytes of a full buffer, header included (20480 on the example cards)
   */
  public SdImageEncoder(
      SdLayout layout, SceneConfig scene, int frames, int bufferSize, Set<Fault> faults) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.scene = Objects.requireNonNull(scene, "scene");
    if (scene.pixelType() != PixelType.UINT8) {
      throw new IllegalArgumentException("SD cards hold 8-bit pixels");
    }
    if (frames < 0) {
      throw new IllegalArgumentException("frames must be >= 0, got " + frames);
    }
    this.frames = frames;
    this.bufferSize = bufferSize;
    this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
    if (bufferSize - 4 * headerWords() < 1) {
      throw new IllegalArgumentException(
          "buffer size " + bufferSize + " leaves no room for pixels after the header");
    }
  }

  /** Words in each buffer header: one more than the largest index of the layout. */
  public int headerWords() {
    int max = 0;
    for (Integer i : layout.buffer().values()) {
      if (i != null) {
        max = Math.max(max, i);
      }
    }
    return max + 1;
  }

  /** Writes the image to {@code out} (replacing it). */
  public Result write(Path out, FrameSink sink) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    int l = headerWords();
    int perBuffer = bufferSize - 4 * l;
    int framePixels = scene.width() * scene.height();
    int buffersPerFrame = (framePixels + perBuffer - 1) / perBuffer;
    CalciumScene movie = new CalciumScene(scene);
    long pos = layout.sectors().dataPos();
    long bufferCount = 0;
    long written = 0;
    long dropped = 0;
    long corruptOffset = -1;
    int corruptFrame = frames / 2;
    int truncateFrame = faults.contains(Fault.TRUNCATED_FINAL_FRAME) ? frames - 1 : -1;
    ByteBuffer buf = ByteBuffer.allocate(bufferSize + 512).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch =
        FileChannel.open(
            out,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      long truncateAt = -1;
      for (int f = 0; f < frames; f++) {
        byte[] pixels = movie.next8();
        if (sink != null) {
          sink.accept(f, pixels);
        }
        long frameMs = 1000 + (long) Math.floor(f * 1000.0 / scene.frameRate());
        for (int b = 0; b < buffersPerFrame; b++) {
          int from = b * perBuffer;
          int len = Math.min(perBuffer, framePixels - from);
          long count = bufferCount++;
          if (faults.contains(Fault.DROPPED_BUFFERS) && droppedBuffer(f, b, buffersPerFrame)) {
            dropped++;
            continue;
          }
          Map<String, Long> v =
              Map.of(
                  "length",
                  (long) l,
                  "linked_list",
                  count % 5,
                  "frame_num",
                  (long) f,
                  "buffer_count",
                  count,
                  "frame_buffer_count",
                  (long) b,
                  "write_buffer_count",
                  written,
                  "dropped_buffer_count",
                  dropped,
                  "timestamp",
                  frameMs + b,
                  "data_length",
                  (long) len,
                  "write_timestamp",
                  frameMs + b + 9);
          buf.clear();
          putHeader(buf, v, l, f == 1 ? 173L : 174L);
          if (faults.contains(Fault.CORRUPT_HEADER) && f == corruptFrame && b == 0) {
            int word = layout.buffer().get("data_length");
            buf.putInt(4 * word, 0xFFFF_FFF0);
            corruptOffset = pos + 4L * word;
          }
          if (faults.contains(Fault.CORRUPT_LENGTH)
              && f == frames * 3 / 4
              && b == Math.min(1, buffersPerFrame - 1)) {
            buf.putInt(0, 0x7A3B_0000 | f); // the header length word
            corruptOffset = pos;
          }
          buf.position(4 * l);
          buf.put(pixels, from, len);
          int span = (int) (512 * ((4L * l + len + 511) / 512));
          while (buf.position() < span) {
            buf.put((byte) 0);
          }
          buf.flip();
          if (f == truncateFrame && b == Math.min(1, buffersPerFrame - 1)) {
            truncateAt = pos + 4L * l + len / 2;
          }
          pos += writeAt(ch, buf, pos);
          written++;
        }
      }
      long end = pos;
      long recorded = written;
      if (faults.contains(Fault.STALE_DATA)) {
        // an older recording of twice the length, different scene, left on the card
        CalciumScene old = new CalciumScene(withSeed(scene, scene.seed() + 1000));
        long oldPos = pos;
        for (int f = 0; f < Math.max(2, frames * 2); f++) {
          byte[] pixels = old.next8();
          for (int b = 0; b < buffersPerFrame; b++) {
            int from = b * perBuffer;
            int len = Math.min(perBuffer, framePixels - from);
            buf.clear();
            putHeader(
                buf,
                Map.of(
                    "length", (long) l,
                    "frame_num", (long) f,
                    "buffer_count", (long) f * buffersPerFrame + b,
                    "frame_buffer_count", (long) b,
                    "timestamp", 500L + f * 50L + b,
                    "data_length", (long) len),
                l,
                180L);
            buf.position(4 * l);
            buf.put(pixels, from, len);
            int span = (int) (512 * ((4L * l + len + 511) / 512));
            while (buf.position() < span) {
              buf.put((byte) 0);
            }
            buf.flip();
            if (oldPos >= end) {
              oldPos += writeAt(ch, buf, oldPos);
            }
          }
        }
        end = oldPos;
      }
      if (faults.contains(Fault.ZEROED_TAIL)) {
        writeAt(ch, ByteBuffer.allocate(16 * 512), end);
        end += 16 * 512;
      }
      boolean countsKnown = !faults.contains(Fault.ZEROED_TAIL);
      writeSectors(ch, countsKnown ? recorded : 0, countsKnown ? dropped : 0);
      if (truncateAt >= 0) {
        ch.truncate(truncateAt);
        end = truncateAt;
      }
      int complete = frames - (truncateAt >= 0 ? 1 : 0);
      return new Result(
          complete, recorded, dropped, Math.max(end, layout.sectors().dataPos()), corruptOffset);
    }
  }

  /** Whether {@link Fault#DROPPED_BUFFERS} drops buffer {@code b} of frame {@code f}. */
  static boolean droppedBuffer(int f, int b, int buffersPerFrame) {
    return buffersPerFrame > 1 && ((b == 1 && f % 7 == 2) || (b == 0 && f % 7 == 5));
  }

  private void putHeader(ByteBuffer buf, Map<String, Long> values, int l, long battery) {
    for (int w = 0; w < l; w++) {
      buf.putInt(4 * w, 0);
    }
    for (Map.Entry<String, Integer> e : layout.buffer().entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      long v = e.getKey().equals("battery_voltage") ? battery : values.getOrDefault(e.getKey(), 0L);
      buf.putInt(4 * e.getValue(), (int) v);
    }
  }

  private void writeSectors(FileChannel ch, long recorded, long dropped) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    long[] keys = layout.writeKeys();
    for (int i = 0; i < 4; i++) {
      header.putInt(4 * i, (int) keys[i]);
    }
    for (Map.Entry<String, Integer> e : layout.header().asMap().entrySet()) {
      long v = e.getKey().equals("fs") ? (long) scene.frameRate() : SETTINGS.get(e.getKey());
      header.putInt(4 * e.getValue(), (int) v);
    }
    writeAt(ch, header, layout.sectors().headerPos());
    ByteBuffer config = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    SdLayout.ConfigPositions c = layout.config();
    config.putInt(4 * c.width(), scene.width());
    config.putInt(4 * c.height(), scene.height());
    config.putInt(4 * c.fs(), (int) scene.frameRate());
    config.putInt(4 * c.bufferSize(), bufferSize);
    config.putInt(4 * c.nBuffersRecorded(), (int) recorded);
    config.putInt(4 * c.nBuffersDropped(), (int) dropped);
    writeAt(ch, config, layout.sectors().configPos());
  }

  private static int writeAt(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    int n = b.remaining();
    long p = pos;
    while (b.hasRemaining()) {
      p += ch.write(b, p);
    }
    return n;
  }

  private static SceneConfig withSeed(SceneConfig s, long seed) {
    return new SceneConfig(
        s.width(),
        s.height(),
        s.pixelType(),
        s.frameRate(),
        seed,
        s.neurons(),
        s.background(),
        s.readNoise(),
        s.motionJitter(),
        s.spikeRate());
  }
}
