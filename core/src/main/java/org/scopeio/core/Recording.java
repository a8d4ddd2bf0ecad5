package org.scopeio.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.DeviceTimeoutException;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.FrameWriter;
import org.scopeio.api.Gap;
import org.scopeio.api.Pace;
import org.scopeio.api.WriteException;
import org.scopeio.api.WriterOptions;

/**
 * The main job: pull frames and gaps from an open {@link Device} into a {@link FrameWriter} until a
 * limit, the end of data, or a stop request. Frames the device lost reach the writer as the {@link
 * Gap}s the device delivers in their place; frames it reports lost that no gap carried (lost after
 * the last item read, before the recording stopped) are written as one final gap. Used by {@code
 * scopeio record} and by host applications.
 *
 * <p>The caller owns the device and the writer: {@code Recording} opens the writer on the device's
 * stream and closes it at the end (also on failure), but neither opens nor closes the device.
 */
public final class Recording {
  private static final Duration POLL = Duration.ofMillis(200);

  private final Device device;
  private final FrameWriter writer;
  private final Limits limits;
  private final Duration frameTimeout;
  private final List<Listener> listeners = new ArrayList<>();
  private BooleanSupplier stopRequested = () -> false;

  /**
   * @param frameTimeout how long to wait for a frame before giving up with {@link
   *     DeviceTimeoutException}
   */
  public Recording(Device device, FrameWriter writer, Limits limits, Duration frameTimeout) {
    this.device = Objects.requireNonNull(device, "device");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.frameTimeout = Objects.requireNonNull(frameTimeout, "frameTimeout");
  }

  /**
   * How long a recording waits for a frame before giving up, unless told: 10 s for a {@link
   * Pace#LIVE} device (a camera that stopped sending), none for an {@link Pace#ON_DEMAND} one (a
   * file is read as fast as it can be, however slow the disk).
   */
  public static Duration frameTimeout(Pace pace) {
    return pace == Pace.LIVE ? Duration.ofSeconds(10) : Duration.ofDays(366);
  }

  /**
   * Adds a listener called on the recording thread after each frame is written (progress display,
   * {@link org.scopeio.telemetry.FrameTelemetry telemetry}); listeners run in the order added.
   */
  public Recording onFrame(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Polled between frames; when it returns true the recording ends cleanly. */
  public Recording stopWhen(BooleanSupplier stopRequested) {
    this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested");
    return this;
  }

  /**
   * Opens the writer at {@code stem}, records, closes the writer.
   *
   * @throws DeviceTimeoutException if no frame arrives within the frame timeout
   * @throws WriteException if a frame cannot be written
   */
  public Summary run(Path stem, WriterOptions options) throws InterruptedException {
    DeviceInfo info = device.info();
    long start = System.nanoTime();
    long written = 0;
    long gaps = 0;
    long droppedBefore = device.counters().framesDropped();
    long deadline =
        limits
            .duration()
            .filter(d -> d.compareTo(Duration.ofDays(365L * 100)) < 0)
            .map(d -> start + d.toNanos())
            .orElse(Long.MAX_VALUE);
    EndReason reason;
    DeviceCounters atStop;
    Duration stoppedAfter;
    writer.open(stem, info, options);
    // a file is read to its end on a thread of its own, so that decoding and writing overlap
    boolean toTheEnd = limits.frames() == 0 && limits.duration().isEmpty();
    ReadAhead ahead = info.pace() == Pace.ON_DEMAND && toTheEnd ? ReadAhead.start(device) : null;
    Device source = ahead != null ? ahead : device;
    try {
      while (true) {
        if (limits.frames() > 0 && written >= limits.frames()) {
          reason = EndReason.FRAME_LIMIT;
          break;
        }
        if (stopRequested.getAsBoolean()) {
          reason = EndReason.STOPPED;
          break;
        }
        long now = System.nanoTime();
        if (now >= deadline) {
          reason = EndReason.DURATION_LIMIT;
          break;
        }
        Optional<FrameOrGap> item = nextItem(source, now, deadline);
        if (item == null) {
          continue; // poll slice elapsed without a frame; re-check limits and stop requests
        }
        if (item.isEmpty()) {
          reason = EndReason.END_OF_DATA;
          break;
        }
        if (item.get() instanceof Gap gap) {
          writer.gap(gap);
          gaps += gap.frames();
          continue;
        }
        Frame frame = (Frame) item.get();
        writer.write(frame);
        written++;
        DeviceCounters counters = device.counters();
        for (Listener l : listeners) {
          l.onFrame(frame, counters);
        }
      }
      // the read-ahead stops first: it would hold the device (and its counters) busy
      stop(ahead);
      // the device may run on while the writers close: what it does then is not this recording's
      atStop = device.counters();
      stoppedAfter = Duration.ofNanos(System.nanoTime() - start);
      long unreported = atStop.framesDropped() - droppedBefore - gaps;
      if (unreported > 0) {
        writer.gap(Gap.of(unreported));
        gaps += unreported;
      }
    } catch (RuntimeException | InterruptedException | Error failure) {
      // close what can be closed, but report the failure that stopped the recording first
      stop(ahead);
      try {
        writer.close();
      } catch (RuntimeException closing) {
        failure.addSuppressed(closing);
      }
      throw failure;
    }
    writer.close();
    return new Summary(written, gaps, atStop, stoppedAfter, reason, writer.files());
  }

  private long waitedSince = -1;

  private static void stop(ReadAhead ahead) {
    if (ahead != null) {
      ahead.close();
    }
  }

  /**
   * The next item of {@code source} (the device, or a {@link ReadAhead} of it), empty at end of
   * data, or {@code null} if a poll slice passed without one.
   */
  private Optional<FrameOrGap> nextItem(Device source, long now, long deadline)
      throws InterruptedException {
    if (waitedSince < 0) {
      waitedSince = now;
    }
    long slice = Math.min(POLL.toNanos(), Math.max(1, deadline - now));
    try {
      Optional<FrameOrGap> f = source.next(Duration.ofNanos(slice));
      waitedSince = -1;
      return f;
    } catch (DeviceTimeoutException e) {
      if (System.nanoTime() - waitedSince >= frameTimeout.toNanos()) {
        throw new DeviceTimeoutException(device.type(), frameTimeout);
      }
      return null;
    }
  }

  /**
   * When a recording stops by itself.
   *
   * @param frames stop after this many frames; 0 for no limit
   * @param duration stop after this much time, if given
   */
  public record Limits(long frames, Optional<Duration> duration) {
    public Limits {
      if (frames < 0) {
        throw new IllegalArgumentException("frame limit must be >= 0, got " + frames);
      }
      Objects.requireNonNull(duration, "duration");
    }

    public static Limits frames(long frames) {
      return new Limits(frames, Optional.empty());
    }

    public static Limits duration(Duration duration) {
      return new Limits(0, Optional.of(duration));
    }

    public static Limits none() {
      return new Limits(0, Optional.empty());
    }
  }

  /** Why a recording ended. */
  public enum EndReason {
    FRAME_LIMIT,
    DURATION_LIMIT,
    END_OF_DATA,
    STOPPED
  }

  /**
   * What a recording did.
   *
   * @param framesWritten frames stored
   * @param framesLost frames recorded as gaps (dropped by the device's overflow policy)
   * @param counters the device's counters when the recording stopped (before the writers closed)
   * @param elapsed wall time from the start until the recording stopped (closing not included)
   * @param endReason why it ended
   * @param files the files written
   */
  public record Summary(
      long framesWritten,
      long framesLost,
      DeviceCounters counters,
      Duration elapsed,
      EndReason endReason,
      List<Path> files) {}

  /** Receives each frame after it is written. */
  @FunctionalInterface
  public interface Listener {
    void onFrame(Frame frame, DeviceCounters counters);
  }
}
