package org.scopeio.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Flow;
import org.scopeio.api.internal.DevicePublisher;

/**
 * A source of {@link Frame}s and {@link Gap}s: a camera, a card image, a capture file, a raw video
 * or the simulator. This is the central type of Scopeio; data flow through it like this (the one
 * drawing of it; {@code docs/architecture.md} explains each box):
 *
 * <pre>
 *  SD image / block device ─► SdCard (scan, index, frames) ─► SdCardDevice ───────────────┐
 *  serial / USB / file bytes ─► BufferSplitter ─► StreamDecoder ─► FrameAssembler         │
 *                                   (StreamDevice; live: acquisition thread + HandoffQueue)┤
 *  raw video (ours, .npy, described) ─► RawVideoReader ─► RawVideoDevice ─────────────────┤
 *  simulator: CalciumScene ─► SimulatedDevice (or its encoded bytes into the decoders) ───┤
 *                                                                                         ▼
 *             Device.next() / publisher() ─► FrameOrGap = Frame | Gap(frames lost, their headers)
 *                                                         │
 *             Recording (limits, stop, telemetry, status) ┼─► FrameWriter.write(Frame) / gap(Gap)
 *                                                         │     raw, CSV, OME-TIFF, AVI, MP4, FFV1
 *                                                         ├─► live view (LiveView)
 *                                                         └─► host application subscribers
 * </pre>
 *
 * <p>Lifecycle: a {@link org.scopeio.api.spi.DeviceProvider} creates the device from a {@link
 * DeviceRequest} without any I/O; {@link #open()} acquires the hardware or file and returns what it
 * will stream; {@link #next} pulls frames and gaps; {@link #close()} releases everything and may be
 * called any number of times, from any thread, also while another thread waits in {@code next}.
 *
 * <p>A device whose {@link DeviceInfo#pace()} is {@link Pace#LIVE} produces frames on its own
 * thread and hands them over through a bounded queue with an {@link OverflowPolicy}; every frame
 * the policy drops is counted in {@link #counters()} and arrives as a {@link Gap} before the next
 * frame. One consumer thread calls {@code next}; {@code counters} and {@code close} are safe from
 * any thread.
 */
public interface Device extends AutoCloseable {

  /** The provider type that made this device, e.g. {@code simulated} or {@code sdcard}. */
  String type();

  /**
   * Opens the device (files, ports, USB) and returns what it streams.
   *
   * @throws DeviceException if the device cannot be opened; the message names it and why
   * @throws IllegalStateException if already open or closed
   */
  DeviceInfo open();

  /**
   * What the open device streams.
   *
   * @throws IllegalStateException if the device is not open
   */
  DeviceInfo info();

  /**
   * The next frame, or the gap where frames were lost before it, waiting at most {@code timeout}.
   *
   * @return a {@link Frame} or a {@link Gap}, or empty when the device has no more frames (end of
   *     data); after the end every call returns empty
   * @throws DeviceTimeoutException if no frame arrived within {@code timeout}
   * @throws DeviceException if reading failed
   * @throws FormatException if the data are corrupt in a way the device cannot step over
   * @throws InterruptedException if the calling thread was interrupted while waiting
   */
  Optional<FrameOrGap> next(Duration timeout) throws InterruptedException;

  /**
   * The files this device reads (a card image, a capture, a raw video and its sidecar), known once
   * it is created. A recording never writes, replaces or deletes them, even with {@code --force}.
   * Devices that read no file (cameras, the simulator) return none.
   */
  default java.util.Set<java.nio.file.Path> inputs() {
    return java.util.Set.of();
  }

  /**
   * What the device has to say about the data at the end of a recording, beyond its {@link
   * #counters()}: what its decoder kept and rejected, where a card's data ended. Each line is
   * {@code label: text} (for example {@code card end: end of file ...}); the summary lines them up
   * under its own.
   */
  default java.util.List<String> report() {
    return java.util.List.of();
  }

  /** What has been delivered and lost so far; safe from any thread. */
  DeviceCounters counters();

  /**
   * The frames and gaps of this (open) device as a {@link Flow.Publisher} for push-style hosts. It
   * accepts one subscriber, reads the device on its own daemon thread only while the subscriber has
   * outstanding demand (so back-pressure reaches the device's own overflow policy), and signals
   * {@code onComplete} at end of data and {@code onError} on failure. Cancelling stops reading but
   * does not close the device.
   */
  default Flow.Publisher<FrameOrGap> publisher() {
    return new DevicePublisher(this);
  }

  /** Releases the device; safe to call twice and from any thread. */
  @Override
  void close();
}
