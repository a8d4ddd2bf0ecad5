package org.scopeio.core;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameOrGap;
import org.scopeio.api.Gap;

/**
 * The one base of Scopeio's devices: the open/closed states and their checks, and the frame flow of
 * {@link Device#next}, in which every frame the device lost arrives as a {@link Gap} in its place,
 * carrying the buffer headers that did arrive for it.
 *
 * <p>A subclass implements {@link #start()} (open the source, describe it), {@link
 * #nextFrame(Duration)} (the next frame, empty at the end), {@link #stop()} (release) and {@link
 * #counters()}. Whenever {@code counters().framesDropped()} has grown since the last item, the
 * growth is delivered as a gap before the frame just read (or before the end), with the headers
 * {@link #takeDroppedHeaders()} returns. A live device produces on an {@link Acquisition} (its
 * thread, bounded hand-off and overflow policy), which keeps those headers; see {@code
 * docs/architecture.md}.
 */
public abstract class AbstractDevice implements Device {
  private enum State {
    CREATED,
    OPEN,
    CLOSED
  }

  private final String type;
  private volatile State state = State.CREATED;
  private volatile DeviceInfo info;
  private long framesReportedLost;
  private Optional<Frame> heldBack;

  /**
   * @param type the device type, also the name used in the state messages ("{@code <type> device is
   *     not open}")
   */
  protected AbstractDevice(String type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public final DeviceInfo open() {
    synchronized (this) {
      if (state != State.CREATED) {
        throw new IllegalStateException(
            type + " device is " + state.name().toLowerCase(Locale.ROOT));
      }
      DeviceInfo started = start();
      info = Objects.requireNonNull(started, "start() returned no DeviceInfo");
      state = State.OPEN;
      return started;
    }
  }

  @Override
  public final DeviceInfo info() {
    DeviceInfo i = info;
    if (i == null) {
      throw new IllegalStateException(type + " device is not open");
    }
    return i;
  }

  @Override
  public final Optional<FrameOrGap> next(Duration timeout) throws InterruptedException {
    if (state == State.CREATED) {
      throw new IllegalStateException(type + " device is not open");
    }
    if (state == State.CLOSED) {
      return Optional.empty();
    }
    Optional<Frame> held = heldBack;
    if (held != null) {
      heldBack = null;
      return held.map(f -> f);
    }
    Optional<Frame> frame = nextFrame(timeout);
    long lost = counters().framesDropped();
    if (lost > framesReportedLost) {
      Gap gap = new Gap(lost - framesReportedLost, takeDroppedHeaders());
      framesReportedLost = lost;
      heldBack = frame;
      return Optional.of(gap);
    }
    return frame.map(f -> f);
  }

  @Override
  public final void close() {
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
    }
    stop();
  }

  /** Whether {@link #close()} was called; a producer thread stops when it sees this. */
  protected final boolean isClosed() {
    return state == State.CLOSED;
  }

  /** Opens the source and describes it. Called once, under the device's lock. */
  protected abstract DeviceInfo start();

  /**
   * The next frame, or empty at the end of data.
   *
   * @throws org.scopeio.api.DeviceTimeoutException if none arrived within {@code timeout}
   */
  protected abstract Optional<Frame> nextFrame(Duration timeout) throws InterruptedException;

  /**
   * The buffer headers that arrived for frames dropped since the last call (bounded by the device),
   * delivered with the gap that reports those frames. None by default.
   */
  protected List<BufferHeader> takeDroppedHeaders() {
    return List.of();
  }

  /**
   * Releases what {@link #start()} acquired, also when it failed halfway or never ran. Called once,
   * outside the device's lock, so that it can end a read in progress on another thread.
   */
  protected abstract void stop();
}
