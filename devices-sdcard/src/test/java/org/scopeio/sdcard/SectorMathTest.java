package org.scopeio.sdcard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worked examples of docs/formats.md §3.5. */
class SectorMathTest {
  @ParameterizedTest(name = "L={0} data_length={1}")
  @CsvSource({
    // L, data_length, sectors, read_size, trimmed slack
    "11, 20436, 40, 20436, 0",
    "11, 10672, 21, 10708, 36",
    "9, 63964, 125, 63964, 0",
    "9, 49844, 98, 50140, 296",
    "9, 20444, 40, 20444, 0",
    "9, 10640, 21, 10716, 76"
  })
  void buffersRoundUpToWholeSectors(
      int words, long dataLength, long sectors, long readSize, long slack) {
    assertThat(SectorMath.sectors(dataLength, words)).isEqualTo(sectors);
    assertThat(SectorMath.readSize(dataLength, words)).isEqualTo(readSize);
    assertThat(SectorMath.readSize(dataLength, words) - dataLength).isEqualTo(slack);
    assertThat(SectorMath.span(dataLength, words)).isEqualTo(sectors * 512);
  }
}
