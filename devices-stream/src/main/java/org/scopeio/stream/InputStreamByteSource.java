package org.scopeio.stream;

import java.io.IOException;
import java.io.InputStream;

/** Bytes from any {@link InputStream}, for example the simulator's paced stream. */
public final class InputStreamByteSource implements ByteSource {
  private final String description;
  private final InputStream in;

  public InputStreamByteSource(String description, InputStream in) {
    this.description = description;
    this.in = in;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    return in.read(buffer);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
