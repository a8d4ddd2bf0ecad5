package org.scopeio.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.scopeio.api.DeviceException;

/** Replays a capture file (the bytes as received) as fast as it is read. */
public final class FileByteSource implements ByteSource {
  private final Path path;
  private final InputStream in;

  public FileByteSource(Path path) {
    this.path = path;
    if (Files.isDirectory(path)) {
      throw new DeviceException(path + ": is a directory; expected a raw capture file");
    }
    try {
      this.in = Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new DeviceException(path + ": no such capture file", e);
    } catch (IOException e) {
      throw new DeviceException(path + ": cannot open: " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return "file:" + path;
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
