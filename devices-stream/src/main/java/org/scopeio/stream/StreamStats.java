package org.scopeio.stream;

import java.util.Map;

/**
 * Everything the stream decoder counted.
 *
 * @param buffersSplit spans cut at preambles
 * @param buffersKept buffers that went into frames
 * @param rejected buffers rejected by the decoder, by reason
 * @param overlongSpans spans longer than four buffers with no preamble, dropped by the splitter
 * @param shortBuffers accepted buffers shorter than nominal (bit slips, truncation)
 * @param duplicates buffers seen twice for the same frame slot (the first was kept)
 * @param backwardJumps frame numbers lower than the previous frame's
 * @param buffersBeforeStart buffers before the first start of a frame, dropped as mio does
 * @param missingBuffers buffer slots of emitted frames that never arrived
 * @param framesEmitted frames assembled
 * @param finalFrameIncomplete 1 if the stream ended inside a frame that was not emitted
 * @param discardedBits bits before the first preamble (or after an over-long span)
 */
public record StreamStats(
    long buffersSplit,
    long buffersKept,
    Map<StreamDecoder.Rejection, Long> rejected,
    long overlongSpans,
    long shortBuffers,
    long duplicates,
    long backwardJumps,
    long buffersBeforeStart,
    long missingBuffers,
    long framesEmitted,
    long finalFrameIncomplete,
    long discardedBits) {

  /** One line for summaries. */
  public String describe() {
    return String.format(
        "buffers: %d split, %d kept, %d rejected %s, %d over-long spans, %d short, %d duplicate,"
            + " %d before the first frame, %d missing; frames: %d assembled, %d backward jumps,"
            + " %d incomplete at the end; %d bits discarded",
        buffersSplit,
        buffersKept,
        rejected.values().stream().mapToLong(Long::longValue).sum(),
        rejected,
        overlongSpans,
        shortBuffers,
        duplicates,
        buffersBeforeStart,
        missingBuffers,
        framesEmitted,
        backwardJumps,
        finalFrameIncomplete,
        discardedBits);
  }
}
