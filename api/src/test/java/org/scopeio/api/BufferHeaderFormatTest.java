package org.scopeio.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class BufferHeaderFormatTest {
  static final String[] BASE = {
    "linked_list",
    "frame_num",
    "buffer_count",
    "frame_buffer_count",
    "write_buffer_count",
    "dropped_buffer_count",
    "timestamp",
    "write_timestamp"
  };

  static BufferHeaderFormat indices0to7() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < BASE.length; i++) {
      m.put(BASE[i], i);
    }
    return BufferHeaderFormat.of("test", m);
  }

  @Test
  void validatedAndFastPathYieldTheSameValuesInFieldOrder() {
    // docs/formats.md §2.1, test_buffer_from_format: indices 0..7, values 10..3
    BufferHeaderFormat f = indices0to7();
    BufferHeader checked = f.decode(new long[] {10, 9, 8, 7, 6, 5, 4, 3});
    BufferHeader fast = f.decodeUnchecked(new int[] {99, 10, 9, 8, 7, 6, 5, 4, 3}, 1, 8);
    assertThat(checked).isEqualTo(fast);
    assertThat(checked.asMap().values()).containsExactly(10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L);
    assertThat(checked.frameNum()).isEqualTo(9);
    assertThat(checked.frameBufferCount()).isEqualTo(7);
    assertThat(checked.timestamp()).isEqualTo(4);
  }

  @Test
  void fastPathReadsWordsAsUnsigned32Bit() {
    BufferHeader h =
        indices0to7().decodeUnchecked(new int[] {-1, 0, 0, 0, 0, 0, 0x80000000, 0}, 0, 8);
    assertThat(h.get("linked_list")).isEqualTo(0xFFFF_FFFFL);
    assertThat(h.timestamp()).isEqualTo(0x8000_0000L);
  }

  @Test
  void validatedPathRejectsValuesOutsideUnsigned32Bit() {
    BufferHeaderFormat f = indices0to7();
    assertThatThrownBy(() -> f.decode(new long[] {0, 0, 0, 0, 0, 0, 1L << 32, 0}))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("field 'timestamp' (word 6) holds 4294967296")
        .hasMessageContaining("expected an unsigned 32-bit value");
    assertThatThrownBy(() -> f.decode(new long[] {-5, 0, 0, 0, 0, 0, 0, 0}))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("field 'linked_list' (word 0) holds -5");
  }

  @Test
  void optionalFieldsAreAbsentAndLeftOutOfTheColumnOrder() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("length", 0);
    m.put("frame_num", 2);
    m.put("frame_buffer_count", 1);
    m.put("battery_voltage", null);
    BufferHeaderFormat f = BufferHeaderFormat.of("sd", m);
    assertThat(f.fieldsByIndex()).containsExactly("length", "frame_buffer_count", "frame_num");
    assertThat(f.fields())
        .containsExactly("length", "frame_num", "frame_buffer_count", "battery_voltage");
    assertThat(f.wordsNeeded()).isEqualTo(3);
    assertThat(f.declares("battery_voltage")).isTrue();
    assertThat(f.index("battery_voltage")).isEmpty();

    BufferHeader h = f.decode(new long[] {9, 4, 12});
    assertThat(h.find("battery_voltage")).isEmpty();
    assertThat(h.find("nonexistent")).isEmpty();
    assertThat(h.frameNum()).isEqualTo(12);
    assertThatThrownBy(() -> h.get("battery_voltage"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("field 'battery_voltage' is optional and absent in format 'sd'");
    assertThatThrownBy(() -> h.get("gain"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no field 'gain'");
  }

  @Test
  void indexBeyondTheDecodedWordsIsAClearFormatError() {
    BufferHeaderFormat f = indices0to7();
    String expected =
        "buffer header format 'test': field 'write_timestamp' is at word 7 but only 7 header"
            + " words were decoded (the format needs 8)";
    assertThatThrownBy(() -> f.decode(new long[7]))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(expected);
    assertThatThrownBy(() -> f.decodeUnchecked(new int[20], 0, 7))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void formatErrorsCanBePlacedInAFile() {
    FormatException e = new FormatException("bad length");
    FormatException placed = e.at("card.img", 524288);
    assertThat(placed).hasMessage("card.img at byte offset 524288: bad length");
    assertThat(placed.offset()).isEqualTo(524288);
    assertThat(placed.source()).contains("card.img");
    assertThat(placed.expectation()).isEqualTo("bad length");
  }

  @Test
  void negativeIndexIsRejected() {
    assertThatThrownBy(() -> BufferHeaderFormat.of("x", Map.of("a", -1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'a' has word index -1; word indices are 0 to 127");
  }

  @Test
  void runtimeMetadataDefaultsToMinusOneLikeMio() {
    BufferHeader h = indices0to7().decode(new long[8]);
    assertThat(h.runtime()).isEqualTo(new BufferRuntime(-1, -1.0, -1, -1, false));
    BufferHeader r = h.withRuntime(new BufferRuntime(3, 1.5, 0, 0, false));
    assertThat(r.runtime().recvIndex()).isEqualTo(3);
    assertThat(r).isNotEqualTo(h);
  }
}
