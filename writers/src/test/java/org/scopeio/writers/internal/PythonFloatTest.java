package org.scopeio.writers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatTest {
  // expected values are what CPython's repr() prints
  @ParameterizedTest
  @CsvSource({
    "1732736563.4329531, 1732736563.4329531",
    "-1.0, -1.0",
    "0.0, 0.0",
    "1e9, 1000000000.0",
    "0.1, 0.1",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "1e16, 1e+16",
    "123456789012345.6, 123456789012345.6",
    "2.5e-10, 2.5e-10",
    "3.0e20, 3e+20",
    "-1.5e-7, -1.5e-07"
  })
  void formatsLikePythonRepr(double value, String expected) {
    assertThat(PythonFloat.repr(value)).isEqualTo(expected);
  }
}
