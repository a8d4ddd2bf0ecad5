package org.scopeio.stream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Bytes from a USB bulk-in endpoint with several transfers in flight, so the device always has a
 * transfer to fill while the previous one is being decoded. After a short transfer only the bytes
 * received are passed on (docs/formats.md, decision 22); a timed-out transfer passes on what it
 * carried; a lost device or a failed transfer is an error naming the device.
 */
public final class UsbByteSource implements ByteSource {
  private final UsbTransport transport;
  private final int transferSize;
  private final int inFlight;
  private boolean started;
  private volatile boolean closed;
  private ByteBuffer pending;
  private int pendingLength;
  private int pendingOffset;

  /**
   * @param transferSize bytes per transfer (a multiple of the endpoint's packet size)
   * @param inFlight transfers kept submitted at once
   */
  public UsbByteSource(UsbTransport transport, int transferSize, int inFlight) {
    this.transport = Objects.requireNonNull(transport, "transport");
    if (transferSize < 1 || inFlight < 1) {
      throw new IllegalArgumentException("transfer size and transfers in flight must be >= 1");
    }
    this.transferSize = transferSize;
    this.inFlight = inFlight;
  }

  @Override
  public String describe() {
    return transport.describe();
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    if (closed) {
      return -1;
    }
    if (!started) {
      for (int i = 0; i < inFlight; i++) {
        transport.submit(ByteBuffer.allocateDirect(transferSize));
      }
      started = true;
    }
    if (pending == null) {
      UsbTransport.Completion c;
      try {
        c = transport.await(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(describe() + ": interrupted");
      }
      if (c == null) {
        return 0;
      }
      switch (c.status()) {
        case COMPLETED, TIMED_OUT -> {
          pending = c.buffer();
          pendingLength = c.length();
          pendingOffset = 0;
        }
        case CANCELLED -> {
          return -1;
        }
        case NO_DEVICE -> throw new IOException(describe() + ": the device was disconnected");
        default -> throw new IOException(describe() + ": USB transfer failed: " + c.detail());
      }
    }
    int n = Math.min(buffer.length, pendingLength - pendingOffset);
    pending.get(pendingOffset, buffer, 0, n);
    pendingOffset += n;
    if (pendingOffset >= pendingLength) {
      ByteBuffer done = pending;
      pending = null;
      done.clear();
      if (!closed) {
        transport.submit(done); // keep the same number in flight
      }
    }
    return n;
  }

  @Override
  public void close() {
    closed = true;
    transport.close();
  }
}
