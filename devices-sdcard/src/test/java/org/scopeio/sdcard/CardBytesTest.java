package org.scopeio.sdcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.FormatException;

/** Positional reads of a card and the check that it did not change while it was scanned. */
class CardBytesTest {
  @Test
  void aFileShortenedAfterOpeningIsReportedAsChangedNotAsTheEndOfTheData(@TempDir Path dir)
      throws Exception {
    Path card = dir.resolve("card.img");
    byte[] data = new byte[8192];
    data[4096] = 42;
    Files.write(card, data);
    try (FileChannel channel = FileChannel.open(card, StandardOpenOption.READ)) {
      CardBytes bytes = new CardBytes(card, channel, channel.size(), true);
      ByteBuffer b = ByteBuffer.allocateDirect(512);
      assertThat(bytes.read(b, 4096)).isEqualTo(512);
      assertThat(b.get(0)).isEqualTo((byte) 42);
      bytes.requireUnchanged(); // unchanged: no error

      try (FileChannel writer = FileChannel.open(card, StandardOpenOption.WRITE)) {
        writer.truncate(5000);
      }
      assertThat(bytes.read(b, 4608)).as("a short read at the new end").isEqualTo(392);
      assertThatThrownBy(bytes::requireUnchanged)
          .isInstanceOf(FormatException.class)
          .hasMessageContaining(card.toString())
          .hasMessageContaining("offset 5000")
          .hasMessageContaining("it had 8192 bytes and now has 5000")
          .hasMessageContaining("another program is writing or truncating it");
    }
  }
}
