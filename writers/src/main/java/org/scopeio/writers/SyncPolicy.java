package org.scopeio.writers;

/**
 * How often a writer forces what it wrote to the storage device: the writer setting {@code sync}
 * ({@code --writer-option sync=none}).
 *
 * <p>Every writer hands each frame to the operating system before {@code write} returns, so a
 * killed process never loses a written frame. Only a power loss or a kernel crash can lose what the
 * operating system had not yet stored; {@link #FRAME} closes that window at the cost of one {@code
 * fdatasync} per file and frame, {@link #CLOSE} once the files are complete, {@link #NONE} never.
 */
public enum SyncPolicy {
  /**
   * Force nothing, not even at close: the operating system stores the files when it likes (the
   * fastest; for a conversion, which can be re-run from its input).
   */
  NONE,
  /** Force each file once, when it is complete (the default of conversions). */
  CLOSE,
  /**
   * Force the data of every frame to the device before {@code write} returns (survives power loss).
   */
  FRAME;

  /** The writer setting that chooses the policy, shared by every format (no format prefix). */
  public static final String SETTING = "sync";
}
