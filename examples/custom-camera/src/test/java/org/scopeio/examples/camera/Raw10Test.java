package org.scopeio.examples.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.DeviceException;
import org.scopeio.api.Frame;

class Raw10Test {
  @TempDir Path dir;

  @Test
  void packingIsTheMipiLayoutAndUnpackingInvertsIt() {
    short[] px = {0x3FF, 0x000, 0x155, 0x2AA};
    byte[] packed = new byte[5];
    Raw10.pack(px, packed, 0);
    // high bytes 0xFF 0x00 0x55 0xAA; low bits 11, 00, 01, 10 -> 0b10_01_00_11
    assertThat(packed).containsExactly((byte) 0xFF, 0x00, 0x55, (byte) 0xAA, (byte) 0x93);
    SplittableRandom r = new SplittableRandom(3);
    short[] values = new short[64];
    for (int i = 0; i < values.length; i++) {
      values[i] = (short) r.nextInt(1024);
    }
    byte[] bytes = new byte[Raw10.packedBytes(64)];
    Raw10.pack(values, bytes, 0);
    short[] back = new short[64];
    Raw10.unpack(bytes, 0, back);
    assertThat(back).isEqualTo(values);
  }

  @Test
  void aFileOfPackedFramesPlaysAndAPartialFrameIsNamed() throws Exception {
    short[] a = Packed10Camera.TestPattern.frame(8, 2, 0);
    short[] b = Packed10Camera.TestPattern.frame(8, 2, 5);
    byte[] bytes = new byte[2 * 20 + 7];
    Raw10.pack(a, bytes, 0);
    Raw10.pack(b, bytes, 20);
    Path file = dir.resolve("cam.raw10");
    Files.write(file, bytes);
    try (Packed10Camera cam =
        new Packed10Camera(new Packed10Config("file:" + file, 8, 2, 10.0, null))) {
      cam.open();
      Frame f0 = (Frame) cam.next(Duration.ofSeconds(1)).orElseThrow();
      Frame f1 = (Frame) cam.next(Duration.ofSeconds(1)).orElseThrow();
      assertThat(f0.pixels16()).isEqualTo(a);
      assertThat(f1.pixels16()).isEqualTo(b);
      assertThat(f1.deviceTimestampMillis()).hasValue(100);
      assertThatThrownBy(() -> cam.next(Duration.ofSeconds(1)))
          .isInstanceOf(DeviceException.class)
          .hasMessage(
              "file:" + file + " at byte offset 40: a partial frame of 7 bytes; a frame has 20");
    }
  }
}
