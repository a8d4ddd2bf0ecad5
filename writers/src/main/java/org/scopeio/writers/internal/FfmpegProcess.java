package org.scopeio.writers.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.scopeio.api.WriteException;

/**
 * One ffmpeg process encoding raw frames from its standard input into one file.
 *
 * <pre>
 *  writer thread ── take a free buffer (waits when ffmpeg falls behind: counted) ── fill ──►
 *  queue ──► feeder thread ── ffmpeg's stdin ──► ffmpeg ──► file
 *                                               └─ stderr ──► last lines kept for errors
 * </pre>
 *
 * A fixed set of buffers circulates between the writer and the feeder, so memory is bounded and a
 * slow encoder slows the writer (each wait is counted) instead of losing frames. When ffmpeg fails
 * or exits early, the next {@link #send} or {@link #finish} throws a {@link WriteException} naming
 * the file and quoting ffmpeg's own message.
 */
public final class FfmpegProcess {
  /** Longest wait for ffmpeg to take a frame or to finish before it is declared stuck. */
  static final Duration STUCK = Duration.ofSeconds(120);

  private static final int TAIL_LINES = 20;
  private static final byte[] END = new byte[0];

  private final Path file;
  private final Process process;
  private final BlockingQueue<byte[]> free;
  private final BlockingQueue<byte[]> full;
  private final Thread feeder;
  private final Thread stderr;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private volatile IOException failure;
  private long waits;
  private long waitNanos;

  private FfmpegProcess(Path file, Process process, int buffers, int frameBytes) {
    this.file = file;
    this.process = process;
    this.free = new ArrayBlockingQueue<>(buffers);
    this.full = new ArrayBlockingQueue<>(buffers + 1);
    for (int i = 0; i < buffers; i++) {
      free.add(new byte[frameBytes]);
    }
    this.feeder = new Thread(this::feed, "scopeio-ffmpeg-feeder " + file.getFileName());
    this.stderr = new Thread(this::readStderr, "scopeio-ffmpeg-stderr " + file.getFileName());
    feeder.setDaemon(true);
    stderr.setDaemon(true);
    feeder.start();
    stderr.start();
  }

  /**
   * Starts {@code command}, which reads frames of {@code frameBytes} from its standard input and
   * writes {@code file}; at most {@code buffers} frames wait for it.
   */
  public static FfmpegProcess start(
      List<String> command, Path file, int buffers, int frameBytes, long frameIndex) {
    try {
      Process p =
          new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return new FfmpegProcess(file, p, buffers, frameBytes);
    } catch (IOException e) {
      throw new WriteException(file, frameIndex, "cannot start " + command.get(0), e);
    }
  }

  /**
   * A free buffer for the next frame; waits while every buffer is queued for ffmpeg.
   *
   * @throws WriteException if ffmpeg failed, exited or took no frame for {@link #STUCK}
   */
  public byte[] buffer(long frameIndex) {
    byte[] b = free.poll();
    if (b != null) {
      checkRunning(frameIndex);
      return b;
    }
    waits++;
    long start = System.nanoTime();
    try {
      while (b == null) {
        checkRunning(frameIndex);
        if (System.nanoTime() - start > STUCK.toNanos()) {
          throw fail(frameIndex, "ffmpeg took no frame for " + STUCK.toSeconds() + " s", null);
        }
        b = free.poll(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteException(file, frameIndex, "interrupted while waiting for ffmpeg", e);
    } finally {
      waitNanos += System.nanoTime() - start;
    }
    return b;
  }

  /** Queues a buffer from {@link #buffer} holding the next frame. */
  public void send(byte[] frame) {
    full.add(frame); // never full: there are only as many buffers as places
  }

  private void checkRunning(long frameIndex) {
    if (failure != null || !process.isAlive()) {
      throw fail(frameIndex, "ffmpeg stopped", failure);
    }
  }

  /**
   * Ends the input and waits for ffmpeg to finish the file.
   *
   * @throws WriteException if ffmpeg fails or exits with an error
   */
  public void finish(long frameIndex) {
    full.add(END);
    try {
      feeder.join(STUCK.toMillis());
      if (!process.waitFor(STUCK.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw fail(frameIndex, "ffmpeg did not finish in " + STUCK.toSeconds() + " s", null);
      }
      stderr.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new WriteException(file, frameIndex, "interrupted while ffmpeg finished", e);
    }
    if (process.exitValue() != 0 || failure != null) {
      throw fail(frameIndex, "ffmpeg failed", failure);
    }
  }

  /** Stops ffmpeg at once (after a failure elsewhere); the file is left as it is. */
  public void abort() {
    process.destroyForcibly();
    full.offer(END);
  }

  /** Times the writer waited for a free buffer because ffmpeg was behind. */
  public long waits() {
    return waits;
  }

  /** Total time of those waits. */
  public long waitNanos() {
    return waitNanos;
  }

  private WriteException fail(long frameIndex, String what, Throwable cause) {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      stderr.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String exit = process.isAlive() ? "still running" : "exit code " + process.exitValue();
    String message;
    synchronized (tail) {
      message = String.join("\n  ", tail);
    }
    return new WriteException(
        file,
        frameIndex,
        what + " (" + exit + ")" + (message.isEmpty() ? "" : ":\n  " + message),
        cause);
  }

  private void feed() {
    try (OutputStream in = process.getOutputStream()) {
      for (byte[] b = full.take(); b != END; b = full.take()) {
        in.write(b);
        free.add(b);
      }
    } catch (IOException e) {
      failure = e; // ffmpeg closed its input: it failed or exited
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void readStderr() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        synchronized (tail) {
          if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
          }
          tail.addLast(line.length() > 500 ? line.substring(0, 500) + "..." : line);
        }
      }
    } catch (IOException e) {
      // the process is gone; what was read is kept
    }
  }
}
