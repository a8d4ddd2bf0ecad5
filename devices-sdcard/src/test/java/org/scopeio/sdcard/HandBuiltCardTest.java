package org.scopeio.sdcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameIntegrity;
import org.scopeio.config.ConfigStore;
import org.scopeio.format.SdLayout;

/**
 * A card written sector by sector by this test (no simulator code), with expectations worked out by
 * hand: 16 x 8 pixel frames, 64-byte buffers (9 header words, so 28 pixels a full buffer: 4 x 28 +
 * 16), each buffer in one 512-byte sector. Pixel {@code i} of frame {@code f} is {@code 100 f + 3
 * i} (mod 256).
 */
class HandBuiltCardTest {
  @TempDir Path dir;

  static final int W = 16;
  static final int H = 8;
  static final int FULL = 28;

  static byte[] scene(int frame) {
    byte[] p = new byte[W * H];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) (100 * frame + 3 * i);
    }
    return p;
  }

  /**
   * Writes frames {@code 0..frames-1}, leaving out the buffers listed as {frame, slot} pairs, which
   * the recorder counts in {@code dropped_buffer_count}.
   */
  Path card(int frames, int[]... dropped) throws IOException {
    ByteBuffer img = ByteBuffer.allocate(512 * (1024 + 5 * frames)).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < 4; k++) {
      img.putInt(512 * 1022 + 4 * k, 0x0D7CBA17); // write keys
    }
    int sector = 1024;
    int count = 0;
    int lost = 0;
    for (int f = 0; f < frames; f++) {
      byte[] pixels = scene(f);
      for (int slot = 0; slot < 5; slot++) {
        int n = count++;
        int fs = f;
        int s = slot;
        if (Arrays.stream(dropped).anyMatch(d -> d[0] == fs && d[1] == s)) {
          lost++;
          continue;
        }
        int at = 512 * sector++;
        int length = slot < 4 ? FULL : W * H - 4 * FULL;
        int[] header = {9, n % 5, f, n, slot, n - lost, lost, 1000 + 50 * f + slot, length};
        for (int w = 0; w < header.length; w++) {
          img.putInt(at + 4 * w, header[w]);
        }
        img.put(at + 36, pixels, FULL * slot, length);
      }
    }
    int config = 512 * 1023;
    img.putInt(config, W).putInt(config + 4, H).putInt(config + 8, 20).putInt(config + 12, 64);
    img.putInt(config + 16, count - lost).putInt(config + 20, lost);
    Path p = dir.resolve("card.img");
    Files.write(p, Arrays.copyOf(img.array(), 512 * sector));
    return p;
  }

  static SdCard open(Path image) {
    ConfigStore configs = new ConfigStore(null, HandBuiltCardTest.class.getClassLoader());
    return SdCard.open(image, configs.load("wirefree-sd-layout", SdLayout.TYPE), "t");
  }

  @Test
  void everyFrameIsTheScene() throws Exception {
    try (SdCard c = open(card(3))) {
      assertThat(c.frameCount()).isEqualTo(3);
      for (int f = 0; f < 3; f++) {
        assertThat(c.readFrame(f).pixels8()).isEqualTo(scene(f));
        assertThat(c.readFrame(f).integrity()).isEqualTo(FrameIntegrity.COMPLETE);
      }
    }
  }

  /**
   * Frame 0 loses slot 1 (pixels 28 to 55), frame 1 loses slot 0 (pixels 0 to 27): each frame is
   * the scene with zeros in the hole, 1 buffer missing, 28 pixels padded; frame 2 is whole.
   */
  @Test
  void droppedBuffersLeaveHolesWhereTheyWere() throws Exception {
    try (SdCard c = open(card(3, new int[] {0, 1}, new int[] {1, 0}))) {
      assertThat(c.frameCount()).isEqualTo(3);
      Frame f0 = c.readFrame(0);
      byte[] want0 = scene(0);
      Arrays.fill(want0, 28, 56, (byte) 0);
      assertThat(f0.pixels8()).isEqualTo(want0);
      assertThat(f0.integrity()).isEqualTo(new FrameIntegrity(1, 28, 0, 0, 0));
      Frame f1 = c.readFrame(1);
      byte[] want1 = scene(1);
      Arrays.fill(want1, 0, 28, (byte) 0);
      assertThat(f1.pixels8()).isEqualTo(want1);
      assertThat(f1.integrity()).isEqualTo(new FrameIntegrity(1, 28, 0, 0, 0));
      assertThat(f1.deviceFrameNumber()).hasValue(1);
      assertThat(f1.headers()).hasSize(4);
      assertThat(c.readFrame(2).pixels8()).isEqualTo(scene(2));
    }
  }
}
