package org.scopeio.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.ConfigException;
import org.scopeio.config.ConfigStore;

class StreamDevConfigTest {
  @TempDir Path dir;
  final ConfigStore configs = new ConfigStore(null, getClass().getClassLoader());

  String packaged() throws Exception {
    try (var in =
        getClass().getClassLoader().getResourceAsStream("scopeio/config/wireless-200px.yaml")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  StreamDevConfig withLine(String from, String to) throws Exception {
    Path p = dir.resolve("c" + System.nanoTime() + ".yml");
    Files.writeString(p, packaged().replace(from, to));
    return configs.load(p.toString(), StreamDevConfig.TYPE);
  }

  @Test
  void wireless200pxLoadsWithMiosNumbers() {
    StreamDevConfig c = configs.load("wireless-200px", StreamDevConfig.TYPE);
    assertThat(c.preambleBytes()).containsExactly(0x12, 0x34, 0x56, 0x78);
    assertThat(c.headerWords()).isEqualTo(12);
    assertThat(c.preambleWords()).isEqualTo(1);
    assertThat(c.bufferBytes()).isEqualTo(5120);
    assertThat(c.pixelsPerBuffer()).isEqualTo(5032);
    assertThat(c.bufferPixels()).containsExactly(5032, 5032, 5032, 5032, 5032, 5032, 5032, 4776);
    assertThat(c.reverseHeaderBits()).isTrue();
    assertThat(c.dummyWords()).isEqualTo(10);
    assertThat(c.runtime().csvwriter().buffer()).isEqualTo(100);
    assertThat(c.runtime().plot().keys()).contains("battery_voltage");
  }

  @Test
  void adcScalingMatchesFormatsWorkedNumbers() {
    StreamDevConfig.AdcScaling a = StreamDevConfig.AdcScaling.DEFAULTS;
    assertThat(a.batteryVoltage(176))
        .isEqualTo(176 / 256.0 * 1.1 * 5.0)
        .isCloseTo(3.78125, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(a.inputVoltage(100))
        .isCloseTo(4.85546875, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(a.batteryVoltage(172))
        .isCloseTo(3.6953125, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(a.inputVoltage(96)).isCloseTo(4.66125, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void preamblesAsIntegersOrHexStringsKeepWholeWordsAndLeadingZeros() throws Exception {
    assertThat(withLine("preamble: 0x12345678", "preamble: \"12345678\"").preambleBytes())
        .containsExactly(0x12, 0x34, 0x56, 0x78);
    assertThat(withLine("preamble: 0x12345678", "preamble: \"0x00ABCDEF\"").preambleBytes())
        .containsExactly(0x00, 0xAB, 0xCD, 0xEF);
    assertThat(withLine("preamble: 0x12345678", "preamble: 305419896").preambleBytes())
        .containsExactly(0x12, 0x34, 0x56, 0x78);
    assertThatThrownBy(() -> withLine("preamble: 0x12345678", "preamble: \"123\""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("preamble '123' needs an even number of hex digits");
  }

  @Test
  void exactMultiplesGetNoEmptySlotAndOnlyEightBitPixelsAreAccepted() throws Exception {
    StreamDevConfig exact = withLine("dummy_words: 10", "dummy_words: 0").withFrame(5072, 2);
    assertThat(exact.bufferPixels()).containsExactly(5072, 5072);
    assertThatThrownBy(() -> withLine("pix_depth: 8", "pix_depth: 10"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pix_depth 10 is not supported; streams carry 8-bit pixels");
    assertThat(
            withLine(
                    "bitstream: XEM7310-A75/USBInterface-8_33mhz-J2_2-3v3-IEEE.bit",
                    "bitstream: null")
                .bitstream())
        .isNull();
  }

  @Test
  void unknownKeysFailButMiosDeadRuntimeCsvOnlyWarns() throws Exception {
    assertThatThrownBy(() -> withLine("dummy_words: 10", "dummy_words: 10\nLSB: true"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'LSB': unknown key");
    assertThat(withLine("  csv:\n    buffer: 100\n", "").runtime().csvwriter().buffer())
        .isEqualTo(100);
  }
}
