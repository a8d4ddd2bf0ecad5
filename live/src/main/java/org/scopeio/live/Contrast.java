package org.scopeio.live;

/** How the live view maps pixel values to screen brightness. */
public enum Contrast {
  /** From the 0.1 to the 99.9 percentile of the frame's pixels: robust to a few hot pixels. */
  AUTO,
  /** From the frame's smallest to its largest pixel. */
  MIN_MAX,
  /** A window the user sets, the same for every frame. */
  FIXED
}
