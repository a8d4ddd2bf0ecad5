package org.scopeio.writers;

/**
 * How often a writer forces what it wrote to the storage device: the writer setting {@code sync}
 * ({@code --writer-option sync=none}).
 *
 * <p>Every writer hands each frame to the operating system before {@code write} returns, so a
 * killed process never loses a written frame. Only a power loss or a kernel crash can lose what the
 * operating system had not yet stored; {@link #FRAME} closes that window at the cost of one {@code
 * fdatasync} per file and frame.
 */
public enum SyncPolicy {
  /** Leave storing to the operating system (fastest; survives a crash of the process). */
  NONE,
  /**
   * Force the data of every frame to the device before {@code write} returns (survives power loss).
   */
  FRAME;

  /** The writer setting that chooses the policy, shared by every format (no format prefix). */
  public static final String SETTING = "sync";
}
