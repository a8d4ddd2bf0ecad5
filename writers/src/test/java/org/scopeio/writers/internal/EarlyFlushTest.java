package org.scopeio.writers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyFlushTest {
  @TempDir Path dir;

  @Test
  void forcesInTheBackgroundWithoutDisturbingTheWrites() throws Exception {
    Path file = dir.resolve("f.raw");
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      EarlyFlush flush = new EarlyFlush(() -> ch.force(false), 4096, "f");
      byte[] block = new byte[1000];
      for (int i = 0; i < 50; i++) {
        java.util.Arrays.fill(block, (byte) i);
        ch.write(ByteBuffer.wrap(block));
        flush.written(block.length);
      }
      flush.finish();
    }
    byte[] back = Files.readAllBytes(file);
    assertThat(back).hasSize(50_000);
    assertThat(back[49_999]).isEqualTo((byte) 49);
    assertThat(back[12_345]).isEqualTo((byte) 12);
  }

  @Test
  void aFailedBackgroundForceIsReportedAtFinish() throws Exception {
    FileChannel ch =
        FileChannel.open(dir.resolve("g.raw"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    EarlyFlush flush = new EarlyFlush(() -> ch.force(false), 10, "g");
    ch.close(); // the force that follows fails
    flush.written(10);
    assertThatThrownBy(flush::finish).isInstanceOf(ClosedChannelException.class);
  }
}
