package org.scopeio.stream;

import java.util.Locale;
import java.util.Map;

/**
 * Everything the stream decoder counted.
 *
 * @param buffersSplit spans cut at preambles
 * @param buffersKept buffers that went into frames
 * @param rejected buffers rejected by the decoder, by reason
 * @param overlongSpans spans longer than four buffers with no preamble, dropped by the splitter
 * @param shortBuffers spans shorter than one buffer (bits lost in the filler, the pixels or both)
 * @param fillerSlips spans longer or shorter than one buffer whose filler took the slip: their
 *     pixels are exact
 * @param slippedBuffers buffers whose filler does not start where their pixels end: bits were lost
 *     or gained inside the pixels, which are counted as suspect
 * @param mergedSpans spans holding more than one buffer because a preamble was corrupted
 * @param recoveredBuffers buffers found at their predicted place inside merged spans
 * @param duplicates buffers seen twice for the same frame slot (the first was kept)
 * @param backwardJumps frame numbers lower than the previous frame's
 * @param missingBuffers buffer slots of emitted frames that never arrived
 * @param framesEmitted frames assembled
 * @param discardedBits bits before the first preamble, after an over-long span, or in a merged span
 *     where no buffer could be placed
 */
public record StreamStats(
    long buffersSplit,
    long buffersKept,
    Map<StreamDecoder.Rejection, Long> rejected,
    long overlongSpans,
    long shortBuffers,
    long fillerSlips,
    long slippedBuffers,
    long mergedSpans,
    long recoveredBuffers,
    long duplicates,
    long backwardJumps,
    long missingBuffers,
    long framesEmitted,
    long discardedBits) {

  /** Buffers rejected for any reason. */
  public long rejectedBuffers() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /** One line for summaries. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "buffers: %d split, %d kept, %d rejected %s, %d short, %d filler slips (pixels intact),"
            + " %d with slipped pixels, %d merged spans, %d recovered, %d over-long spans,"
            + " %d duplicate, %d missing; frames: %d assembled, %d backward jumps;"
            + " %d bits discarded",
        buffersSplit,
        buffersKept,
        rejectedBuffers(),
        rejected,
        shortBuffers,
        fillerSlips,
        slippedBuffers,
        mergedSpans,
        recoveredBuffers,
        overlongSpans,
        duplicates,
        missingBuffers,
        framesEmitted,
        backwardJumps,
        discardedBits);
  }
}
