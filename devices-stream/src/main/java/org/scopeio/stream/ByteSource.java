package org.scopeio.stream;

import java.io.IOException;

/**
 * Where stream bytes come from: a capture file, a serial port, a USB endpoint, the simulator. One
 * thread reads; {@link #close()} may be called from another to stop a blocked read.
 */
public interface ByteSource extends AutoCloseable {
  /** A description for people, e.g. {@code file:capture.bin}. */
  String describe();

  /**
   * Reads up to {@code buffer.length} bytes.
   *
   * @return bytes read, or -1 at the end of the data
   */
  int read(byte[] buffer) throws IOException;

  @Override
  void close() throws IOException;
}
