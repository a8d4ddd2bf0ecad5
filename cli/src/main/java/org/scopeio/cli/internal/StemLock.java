package org.scopeio.cli.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.scopeio.api.WriteException;

/**
 * Keeps two recordings from writing the same output stem at once: an exclusive lock on the stem's
 * telemetry file (which every recording writes), taken before any output is opened or truncated and
 * released when the recording ends. The operating system drops it if the process dies.
 */
final class StemLock implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final boolean created;
  private boolean kept;

  private StemLock(Path file, FileChannel channel, FileLock lock, boolean created) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.created = created;
  }

  /**
   * Locks {@code file} (created if missing, never truncated here) for the recording to {@code
   * stem}.
   *
   * @throws WriteException if another recording holds it, or it cannot be locked
   */
  static StemLock acquire(Path stem, Path file) {
    boolean created = !java.nio.file.Files.exists(file);
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new WriteException(file, WriteException.NO_FRAME, "cannot create", e);
    }
    try {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        throw new OverlappingFileLockException();
      }
      return new StemLock(file, ch, lock, created);
    } catch (OverlappingFileLockException | IOException e) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw new WriteException(
          stem,
          WriteException.NO_FRAME,
          "another scopeio is recording to this --out right now (it holds "
              + file.getFileName()
              + "); wait for it to end or choose another --out",
          null);
    }
  }

  /** The recording started: the locked file is one of its outputs now and stays. */
  void keep() {
    kept = true;
  }

  /**
   * Releases the lock; a file this lock created for a recording that never started is removed, so a
   * failed attempt leaves nothing that blocks the next one.
   */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
      if (created && !kept) {
        java.nio.file.Files.deleteIfExists(file);
      }
    } catch (IOException ignored) {
      // closing the channel releases the lock in any case
    }
  }
}
