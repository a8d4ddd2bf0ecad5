package org.scopeio.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.scopeio.api.PixelType;

class CalciumSceneTest {

  static String sha256(CalciumScene s, int frames) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < frames; i++) {
      md.update(s.next8());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  @Test
  void theSameSeedGivesTheSameBytes() throws Exception {
    SceneConfig c = SceneConfig.defaults(42);
    assertThat(sha256(new CalciumScene(c), 20)).isEqualTo(sha256(new CalciumScene(c), 20));
    assertThat(sha256(new CalciumScene(c), 20))
        .isNotEqualTo(sha256(new CalciumScene(SceneConfig.defaults(43)), 20));
  }

  @Test
  void splitMix64IsDefinedBySeedAlone() {
    // reference values of SplitMix64 with seed 0 (Steele, Lea, Flood 2014)
    SplitMix64 r = new SplitMix64(0);
    assertThat(r.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    assertThat(r.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
    SplitMix64 u = new SplitMix64(5);
    for (int i = 0; i < 1000; i++) {
      assertThat(u.nextInt(7)).isBetween(0, 6);
      assertThat(u.nextDouble()).isGreaterThanOrEqualTo(0).isLessThan(1);
    }
  }

  @Test
  void framesLookLikeAMiniscopeField() {
    // non-square on purpose
    SceneConfig c = new SceneConfig(160, 120, PixelType.UINT8, 20, 7, 25, 60, 2, 0, 2.0);
    CalciumScene s = new CalciumScene(c);
    int n = 160 * 120;
    double[] mean = new double[n];
    double[] sq = new double[n];
    int frames = 100;
    for (int f = 0; f < frames; f++) {
      byte[] px = s.next8();
      assertThat(px).hasSize(n);
      for (int i = 0; i < n; i++) {
        int v = px[i] & 0xFF;
        mean[i] += v;
        sq[i] += (double) v * v;
      }
    }
    double centre = 0;
    double corner = 0;
    double maxStd = 0;
    double medianStd;
    double[] std = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] /= frames;
      std[i] = Math.sqrt(Math.max(0, sq[i] / frames - mean[i] * mean[i]));
      maxStd = Math.max(maxStd, std[i]);
    }
    for (int y = 55; y < 65; y++) {
      for (int x = 75; x < 85; x++) {
        centre += mean[y * 160 + x];
      }
    }
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 10; x++) {
        corner += mean[y * 160 + x];
      }
    }
    double[] sorted = std.clone();
    java.util.Arrays.sort(sorted);
    medianStd = sorted[n / 2];
    // vignetting: the centre is brighter than the corner
    assertThat(centre / 100).isGreaterThan(corner / 100 * 1.3);
    // the background sits well inside the 8-bit range
    assertThat(centre / 100).isBetween(40.0, 200.0);
    // shot + read noise: about sqrt(60) on the background
    assertThat(medianStd).isBetween(5.0, 15.0);
    // active neurons vary far more than noise alone
    assertThat(maxStd).isGreaterThan(3 * medianStd);
  }

  @Test
  void sixteenBitFramesUseTheWiderRange() {
    SceneConfig c = new SceneConfig(64, 48, PixelType.UINT16, 30, 1, 5, 60, 2, 1, 0.5);
    short[] px = new CalciumScene(c).next16();
    assertThat(px).hasSize(64 * 48);
    int max = 0;
    for (short v : px) {
      max = Math.max(max, v & 0xFFFF);
    }
    assertThat(max).isGreaterThan(255).isLessThanOrEqualTo(65535);
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> new SceneConfig(0, 10, PixelType.UINT8, 20, 1, 1, 1, 1, 1, 1))
        .hasMessage("scene size must be 1..16384 in each direction, got 0x10");
    assertThatThrownBy(() -> new SceneConfig(10, 10, PixelType.UINT8, 0, 1, 1, 1, 1, 1, 1))
        .hasMessage("frame rate must be > 0, got 0.0");
  }
}
