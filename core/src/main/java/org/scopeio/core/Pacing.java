package org.scopeio.core;

/** How fast a device that plays simulated or recorded data delivers it. */
public enum Pacing {
  /** At the configured frame rate, from its own thread, like a real camera. */
  REAL_TIME,
  /** As fast as the consumer asks, on the consumer's thread (tests, benchmarks). */
  AS_FAST_AS_POSSIBLE;

  /** Parses {@code real-time} or {@code as-fast-as-possible} (also with underscores). */
  public static Pacing fromId(String id) {
    return EnumIds.parse(Pacing.class, id, "pacing");
  }

  public String id() {
    return EnumIds.id(this);
  }
}
