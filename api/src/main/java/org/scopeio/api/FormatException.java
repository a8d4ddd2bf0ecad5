package org.scopeio.api;

import java.util.Optional;

/**
 * Bytes that do not follow the format they claim to: a corrupt header, a length field that cannot
 * be right, a file that ends too early. The message names the source (usually a file), the byte
 * offset when it is known, and what was expected there.
 */
public class FormatException extends ScopeioException {
  private static final long serialVersionUID = 1L;

  /** Offset value meaning "not known". */
  public static final long UNKNOWN_OFFSET = -1;

  private final String source;
  private final long offset;
  private final String expectation;

  /** A format error at a known place. {@code source} is usually a file path. */
  public FormatException(String source, long offset, String expectation) {
    super(describe(source, offset, expectation));
    this.source = source;
    this.offset = offset;
    this.expectation = expectation;
  }

  /** A format error whose place is not known yet; callers may rethrow it {@link #at located}. */
  public FormatException(String expectation) {
    super(expectation);
    this.source = null;
    this.offset = UNKNOWN_OFFSET;
    this.expectation = expectation;
  }

  private FormatException(String source, long offset, String expectation, Throwable cause) {
    super(describe(source, offset, expectation), cause);
    this.source = source;
    this.offset = offset;
    this.expectation = expectation;
  }

  /** The same error, placed at {@code offset} of {@code source}. */
  public FormatException at(String source, long offset) {
    return new FormatException(source, offset, expectation, this);
  }

  /** What was expected, without the location. */
  public String expectation() {
    return expectation;
  }

  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /** Byte offset of the problem, or {@link #UNKNOWN_OFFSET}. */
  public long offset() {
    return offset;
  }

  private static String describe(String source, long offset, String expectation) {
    StringBuilder sb = new StringBuilder();
    sb.append(source == null ? "<unknown source>" : source);
    if (offset != UNKNOWN_OFFSET) {
      sb.append(" at byte offset ").append(offset);
    }
    return sb.append(": ").append(expectation).toString();
  }
}
