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
 * (docs/formats.md §4.9): a change of frame number closes the frame; each buffer's pixels go to its
 * slot, so missing buffers leave zero pixels, counted in the frame's integrity; duplicates are
 * counted and ignored; backward frame-number jumps are counted; {@code buffer_recv_index} is given
 * only to kept buffers. Nothing that arrived is thrown away: a stream that starts or ends inside a
 * frame gives that frame with its missing buffers counted, as for any other incomplete frame.
 *
 * <p>Not thread-safe: one thread feeds it.
 */
public final class FrameAssembler {
  private final int width;
  private final int height;
  private final List<Integer> bufferPixels;
  private final int[] slotOffset;
  private final Consumer<Frame> out;
  private long currentFrameNum = -1;
  private byte[] pixels;
  private boolean[] filled;
  private List<BufferHeader> headers;
  private long padded;
  private long suspect;
  private int recovered;
  private long nextIndex;
  private long buffersKept;
  private long duplicates;
  private long backwardJumps;
  private long framesWithMissingBuffers;
  private long missingBuffers;

  /**
   * What the assembler kept, ignored and found missing.
   *
   * @param buffersKept buffers that went into frames
   * @param duplicates buffers seen twice for the same frame slot (the first was kept)
   * @param backwardJumps frame numbers lower than the previous frame's
   * @param framesEmitted frames assembled
   * @param framesWithMissingBuffers frames with at least one buffer that never arrived
   * @param missingBuffers buffer slots of emitted frames that never arrived
   */
  public record Stats(
      long buffersKept,
      long duplicates,
      long backwardJumps,
      long framesEmitted,
      long framesWithMissingBuffers,
      long missingBuffers) {
    public static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0);
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

  /** A snapshot of the counts so far. */
  public Stats stats() {
    return new Stats(
        buffersKept,
        duplicates,
        backwardJumps,
        nextIndex,
        framesWithMissingBuffers,
        missingBuffers);
  }

  /**
   * Adds an accepted buffer (its payload writes exactly {@code bufferPixels[frame_buffer_count]}).
   */
  public void add(StreamDecoder.Decoded buffer, Instant received) {
    BufferHeader header = buffer.header();
    int fbc = (int) header.frameBufferCount();
    long frameNum = header.frameNum();
    if (pixels != null && frameNum != currentFrameNum) {
      if (frameNum < currentFrameNum) {
        backwardJumps++;
      }
      emit();
    }
    if (pixels == null) {
      pixels = new byte[width * height];
      filled = new boolean[bufferPixels.size()];
      headers = new ArrayList<>(bufferPixels.size());
      padded = 0;
      suspect = 0;
      recovered = 0;
      currentFrameNum = frameNum;
    }
    if (filled[fbc]) {
      duplicates++;
      return;
    }
    filled[fbc] = true;
    buffer.payload().copyTo(pixels, slotOffset[fbc]);
    padded += buffer.paddedPixels();
    suspect += buffer.suspectPixels();
    recovered += buffer.recovered() ? 1 : 0;
    double unix = received.getEpochSecond() + received.getNano() / 1e9;
    headers.add(
        header.withRuntime(
            new BufferRuntime(
                buffersKept++,
                unix,
                buffer.paddedPixels(),
                buffer.suspectPixels(),
                buffer.recovered())));
  }

  /** End of input: the frame in progress is emitted, its missing buffers counted. */
  public void finish() {
    if (pixels != null) {
      emit();
    }
  }

  private void emit() {
    int missing = 0;
    long missingPixels = 0;
    for (int i = 0; i < filled.length; i++) {
      if (!filled[i]) {
        missing++;
        missingPixels += bufferPixels.get(i);
      }
    }
    if (missing > 0) {
      framesWithMissingBuffers++;
      missingBuffers += missing;
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
            .integrity(new FrameIntegrity(missing, padded + missingPixels, 0, suspect, recovered))
            .build();
    pixels = null;
    out.accept(f);
  }
}
