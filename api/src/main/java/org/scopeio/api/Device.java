package org.scopeio.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Flow;
import org.scopeio.api.internal.DevicePublisher;

/**
 * A source of {@link Frame}s: a camera, a card image, a capture file, or the simulator. This is the
 * central type of Scopeio; data flows through it like this:
 *
 * <pre>
 *  SD image / block device ──► SdCardDevice ─────────────────────────────────────┐
 *  serial / USB / file bytes ─► BufferSplitter ─► StreamDecoder ─► FrameAssembler ┤
 *  simulator: Scene ─► SimulatedDevice (or encoded bytes into the decoders above) ┤
 *                                                                                 ▼
 *                                  Device.next() / publisher() ──► Frame
 *                                                         ──► FrameWriter(s) (raw, CSV, OME-TIFF, AVI)
 *                                                         ──► host application subscribers
 * </pre>
 *
 * <p>Lifecycle: a {@link org.scopeio.api.spi.DeviceProvider} creates the device without any I/O;
 * {@link #open()} acquires the hardware or file and returns what it will stream; {@link #next}
 * pulls frames; {@link #close()} releases everything and may be called any number of times, from
 * any thread, also while another thread waits in {@code next}.
 *
 * <p>Devices that produce frames on their own thread (cameras, paced simulators) hand them over
 * through a bounded {@link HandoffQueue} with an {@link OverflowPolicy}; every frame the policy
 * drops is counted in {@link #counters()}. One consumer thread calls {@code next}; {@code counters}
 * and {@code close} are safe from any thread.
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
