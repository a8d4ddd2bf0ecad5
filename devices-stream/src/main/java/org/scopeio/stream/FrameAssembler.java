package org.scopeio.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.BufferRuntime;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameIntegrity;
import org.scopeio.api.PixelType;

/**
 * Groups decoded buffers into frames by {@code frame_num} and {@code frame_buffer_count}
 * (formats.md 4.9, Decisions 19-21): a change of frame number closes the frame; missing buffers
 * leave zero pixels and are counted in the frame's integrity; duplicates are counted and ignored;
 * backward frame-number jumps are counted; {@code buffer_recv_index} is given only to kept buffers.
 * Like mio, buffers before the first {@code frame_buffer_count == 0} are dropped (and counted). The
 * last frame is emitted at {@link #finish()} when complete.
 *
 * <p>Not thread-safe: one thread feeds it.
 */
public final class FrameAssembler {
  private final int width;
  private final int height;
  private final List<Integer> bufferPixels;
  private final int[] slotOffset;
  private final Consumer<Frame> out;
  private final Stats stats = new Stats();
  private long currentFrameNum = -1;
  private byte[] pixels;
  private boolean[] filled;
  private List<BufferHeader> headers;
  private long padded;
  private boolean aligned;
  private long nextIndex;

  /** Counts of everything the assembler kept, dropped or found missing. */
  public static final class Stats {
    public long buffersKept;
    public long buffersBeforeStart;
    public long duplicates;
    public long backwardJumps;
    public long framesEmitted;
    public long framesWithMissingBuffers;
    public long missingBuffers;
    public long finalFrameIncomplete;
  }

  public FrameAssembler(int width, int height, List<Integer> bufferPixels, Consumer<Frame> out) {
    this.width = width;
    this.height = height;
    this.bufferPixels = List.copyOf(bufferPixels);
    this.slotOffset = new int[bufferPixels.size()];
    for (int i = 1; i < slotOffset.length; i++) {
      slotOffset[i] = slotOffset[i - 1] + bufferPixels.get(i - 1);
    }
    this.out = out;
  }

  public Stats stats() {
    return stats;
  }

  /**
   * Adds an accepted buffer.
   *
   * @param payload writes exactly {@code bufferPixels[frame_buffer_count]} bytes
   * @param paddedPixels zero pixels the decoder appended to a short buffer
   */
  public void add(
      BufferHeader header, StreamDecoder.Payload payload, int paddedPixels, Instant received) {
    int fbc = (int) header.frameBufferCount();
    long frameNum = header.frameNum();
    if (!aligned) {
      if (fbc != 0) {
        stats.buffersBeforeStart++;
        return;
      }
      aligned = true;
    }
    if (pixels != null && frameNum != currentFrameNum) {
      if (frameNum < currentFrameNum) {
        stats.backwardJumps++;
      }
      emit();
    }
    if (pixels == null) {
      pixels = new byte[width * height];
      filled = new boolean[bufferPixels.size()];
      headers = new ArrayList<>(bufferPixels.size());
      padded = 0;
      currentFrameNum = frameNum;
    }
    if (filled[fbc]) {
      stats.duplicates++;
      return;
    }
    filled[fbc] = true;
    payload.copyTo(pixels, slotOffset[fbc]);
    padded += paddedPixels;
    double unix = received.getEpochSecond() + received.getNano() / 1e9;
    headers.add(header.withRuntime(new BufferRuntime(stats.buffersKept++, unix, paddedPixels)));
  }

  /** End of input: the frame in progress is emitted if complete, else counted. */
  public void finish() {
    if (pixels == null) {
      return;
    }
    int missing = missingSlots();
    if (missing == 0) {
      emit();
    } else {
      stats.finalFrameIncomplete++;
      pixels = null;
    }
  }

  private int missingSlots() {
    int missing = 0;
    for (boolean f : filled) {
      if (!f) {
        missing++;
      }
    }
    return missing;
  }

  private void emit() {
    int missing = missingSlots();
    long missingPixels = 0;
    for (int i = 0; i < filled.length; i++) {
      if (!filled[i]) {
        missingPixels += bufferPixels.get(i);
      }
    }
    if (missing > 0) {
      stats.framesWithMissingBuffers++;
      stats.missingBuffers += missing;
    }
    BufferHeader first = headers.get(0);
    Frame f =
        Frame.builder(width, height, PixelType.UINT8)
            .index(nextIndex++)
            .adoptPixels(pixels)
            .deviceFrameNumber(currentFrameNum)
            .deviceTimestampMillis(first.timestamp())
            .hostMonotonicNanos(System.nanoTime())
            .wallClock(Instant.now())
            .headers(headers)
            .integrity(new FrameIntegrity(missing, padded + missingPixels, 0))
            .build();
    pixels = null;
    stats.framesEmitted++;
    out.accept(f);
  }
}
