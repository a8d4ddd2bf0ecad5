package org.scopeio.sdcard;

/** Why the data of a card end where they do (docs/formats.md §3.8, decision 2). */
public enum SdEndReason {
  /** A buffer header length word of 0: erased or zeroed sectors after the recording. */
  ZERO_LENGTH,
  /** A header length word that cannot be right (fewer words than the layout needs, or > 128). */
  IMPLAUSIBLE_LENGTH,
  /** The image or device ended at a buffer boundary. */
  END_OF_FILE,
  /** The image ended inside a buffer: the file was cut short. */
  TRUNCATED,
  /** {@code n_buffers_recorded + n_buffers_dropped} buffers were read; anything after is stale. */
  BUFFER_LIMIT,
  /** A buffer header with an impossible value; the error names its offset. */
  CORRUPT_HEADER;

  /** Lower-case words for people. */
  public String describe() {
    return switch (this) {
      case ZERO_LENGTH -> "zero header length (end of recorded data)";
      case IMPLAUSIBLE_LENGTH -> "implausible header length";
      case END_OF_FILE -> "end of file";
      case TRUNCATED -> "file ends inside a buffer (truncated)";
      case BUFFER_LIMIT -> "buffer count from the config sector reached";
      case CORRUPT_HEADER -> "corrupt buffer header";
    };
  }
}
