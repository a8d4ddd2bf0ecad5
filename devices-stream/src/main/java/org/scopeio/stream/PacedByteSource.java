package org.scopeio.stream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import org.scopeio.core.Pacer;

/**
 * Releases the bytes of another source no faster than a given rate, for replaying a capture at the
 * device's own speed ({@code buffer bytes x buffers per frame x fs} bytes a second).
 */
public final class PacedByteSource implements ByteSource {
  private final ByteSource inner;
  private final double bytesPerSecond;
  private final Pacer pacer;
  private long released;

  public PacedByteSource(ByteSource inner, double bytesPerSecond) {
    if (!(bytesPerSecond > 0)) {
      throw new IllegalArgumentException("rate must be > 0, got " + bytesPerSecond);
    }
    this.inner = inner;
    this.bytesPerSecond = bytesPerSecond;
    this.pacer = Pacer.perSecond(bytesPerSecond);
  }

  /** The byte rate at which a device with this config sends. */
  public static double deviceRate(org.scopeio.format.StreamDevConfig c) {
    return (double) c.bufferBytes() * c.bufferPixels().size() * c.fs();
  }

  @Override
  public String describe() {
    return inner.describe()
        + String.format(Locale.ROOT, " (paced at %.0f bytes/s)", bytesPerSecond);
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    long allowed = pacer.unitsDue() - released;
    if (allowed <= 0) {
      long waitNanos = pacer.nanosUntil(released + 1);
      try {
        Thread.sleep(Math.max(1, Math.min(100, waitNanos / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(describe() + ": interrupted");
      }
      return 0;
    }
    byte[] target = allowed >= buffer.length ? buffer : new byte[(int) allowed];
    int n = inner.read(target);
    if (n > 0) {
      if (target != buffer) {
        System.arraycopy(target, 0, buffer, 0, n);
      }
      released += n;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }
}
