package org.scopeio.writers.internal;

import java.io.IOException;

/**
 * Forces a file being written to the storage device in the background, once every {@code
 * everyBytes} written, so that the force at close ({@code sync=close}) finds little left to write
 * and the disk works while the recording decodes. One daemon thread per file; a failure is reported
 * at {@link #finish()}.
 */
public final class EarlyFlush {
  /** Forces the file's data to the storage device ({@code FileChannel.force(false)}). */
  @FunctionalInterface
  public interface Force {
    void force() throws IOException;
  }

  /** Bytes written between background forces, as the writers use it. */
  public static final long EVERY_BYTES = 64L << 20;

  private final Force channel;
  private final long everyBytes;
  private final Thread thread;
  private long sinceRequest;
  private boolean requested;
  private boolean finished;
  private IOException failure;

  public EarlyFlush(Force channel, long everyBytes, String name) {
    this.channel = channel;
    this.everyBytes = everyBytes;
    this.thread = new Thread(this::run, "scopeio-flush-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Counts {@code bytes} written; asks for a background force every {@code everyBytes}. */
  public void written(long bytes) {
    sinceRequest += bytes;
    if (sinceRequest >= everyBytes) {
      sinceRequest = 0;
      synchronized (this) {
        requested = true;
        notifyAll();
      }
    }
  }

  private void run() {
    while (true) {
      synchronized (this) {
        while (!requested && !finished) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (!requested) {
          return; // finished, nothing asked for
        }
        requested = false;
      }
      try {
        channel.force();
      } catch (IOException e) {
        synchronized (this) {
          failure = e;
        }
        return;
      }
    }
  }

  /**
   * Stops the thread (waiting for a force in progress) and throws what a background force failed
   * with; the caller then forces the rest itself.
   */
  public void finish() throws IOException {
    synchronized (this) {
      finished = true;
      notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
    }
  }
}
