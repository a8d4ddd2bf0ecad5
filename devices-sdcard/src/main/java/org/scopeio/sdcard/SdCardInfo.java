package org.scopeio.sdcard;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything known about a card after its headers were scanned: settings, recording config,
 * write-key validity, the exact frame count, and why and where the data end.
 *
 * @param source the image file or block device
 * @param layoutId the layout used
 * @param writeKeysValid whether header-sector words 0-3 hold the layout's write keys
 * @param settings the user settings of the header sector (gain, led, ewl, record_length, fs,
 *     delay_start, battery_cutoff), in that order; absent optional settings left out
 * @param config the config sector
 * @param frameCount complete frames (a truncated last frame is not counted)
 * @param buffersScanned buffers read before the end
 * @param endReason why the data end
 * @param endOffset byte offset where the end was found
 * @param endDetail a sentence on the end (the error for a corrupt header)
 * @param incompleteFrame a description of a last frame that was cut short and is not returned
 * @param framesWithMissingData frames with fewer pixel bytes than width x height
 * @param skipped corrupt buffers the scan stepped over to the next good header (their pixels are
 *     missing from their frames, and counted there)
 */
public record SdCardInfo(
    String source,
    String layoutId,
    boolean writeKeysValid,
    Map<String, Long> settings,
    SdRecordingConfig config,
    long frameCount,
    long buffersScanned,
    SdEndReason endReason,
    long endOffset,
    String endDetail,
    Optional<String> incompleteFrame,
    long framesWithMissingData,
    List<Skipped> skipped) {

  /**
   * A stretch of the card that did not hold a good buffer header where one was due.
   *
   * @param offset where the bad header was
   * @param resumedAt the next good header, where reading went on
   * @param problem what was wrong with the header
   */
  public record Skipped(long offset, long resumedAt, String problem) {}
}
