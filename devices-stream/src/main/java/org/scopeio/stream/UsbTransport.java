package org.scopeio.stream;

import java.nio.ByteBuffer;

/**
 * Bulk-in transfers on one USB endpoint, the narrow interface between Scopeio and a USB library
 * (usb4java in {@code internal.Usb4JavaTransport}; tests use fakes). Completions arrive in the
 * order the transfers were submitted, as libusb guarantees for one endpoint.
 *
 * <p>One thread submits and awaits; {@link #close()} may be called from another and cancels the
 * transfers in flight.
 */
public interface UsbTransport extends AutoCloseable {

  /** Status of a completed transfer. */
  enum Status {
    /** Data arrived (possibly fewer bytes than asked for). */
    COMPLETED,
    /** The transfer's own timeout passed; it may have carried some bytes. */
    TIMED_OUT,
    /** Cancelled by {@link #close()}. */
    CANCELLED,
    /** The device is gone. */
    NO_DEVICE,
    /** Any other failure (stall, overflow, I/O error). */
    ERROR
  }

  /**
   * A finished transfer.
   *
   * @param buffer the buffer that was submitted
   * @param length bytes received, from position 0 of {@code buffer}
   * @param status how it ended
   * @param detail the library's words for a failure, or empty
   */
  record Completion(ByteBuffer buffer, int length, Status status, String detail) {}

  /** Starts a bulk-in transfer into {@code buffer} (its capacity is the transfer size). */
  void submit(ByteBuffer buffer);

  /** The next finished transfer, or {@code null} if none finished within {@code timeoutMillis}. */
  Completion await(long timeoutMillis) throws InterruptedException;

  /** A description for people, e.g. {@code usb:04b4:00f1 endpoint 0x81}. */
  String describe();

  @Override
  void close();
}
