package org.scopeio.cli.internal;

import java.time.Duration;
import org.scopeio.core.Recording;
import picocli.CommandLine.Option;

/** The exclusive {@code --frames N | --duration TIME} group of the recording commands. */
final class LimitOptions {
  @Option(
      names = "--frames",
      converter = Bounded.Frames.class,
      paramLabel = "N",
      description = "Stop after N frames (1 to 10^9).")
  Long frames;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      description = "Stop after this time, e.g. 10s, 2m, 1h.")
  Duration duration;

  /** The limits of an optional group; {@code null} means no limit. */
  static Recording.Limits of(LimitOptions group) {
    if (group == null) {
      return Recording.Limits.none();
    }
    return group.frames != null
        ? Recording.Limits.frames(group.frames)
        : Recording.Limits.duration(group.duration);
  }
}
