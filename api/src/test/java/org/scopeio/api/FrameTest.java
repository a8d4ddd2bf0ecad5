package org.scopeio.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FrameTest {

  @Test
  void pixelsAreRowMajorHeightRowsOfWidthColumns() {
    // 3 columns x 2 rows: a non-square frame must not be transposed
    byte[] px = {1, 2, 3, 4, 5, (byte) 250};
    Frame f = Frame.builder(3, 2, PixelType.UINT8).pixels(px).build();
    assertThat(f.width()).isEqualTo(3);
    assertThat(f.height()).isEqualTo(2);
    assertThat(f.pixel(0, 2)).isEqualTo(3);
    assertThat(f.pixel(1, 0)).isEqualTo(4);
    assertThat(f.pixel(1, 2)).isEqualTo(250);
    assertThatThrownBy(() -> f.pixel(2, 0))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("pixel (2, 0) is outside a frame of 2 rows x 3");
  }

  @Test
  void framesAreImmutable() {
    byte[] px = {1, 2, 3, 4};
    Frame f = Frame.builder(2, 2, PixelType.UINT8).pixels(px).build();
    px[0] = 99;
    f.pixels8()[1] = 99;
    assertThat(f.pixels8()).containsExactly(1, 2, 3, 4);
    assertThatThrownBy(() -> f.headers().add(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void pixelCountMustMatchTheSize() {
    assertThatThrownBy(() -> Frame.builder(4, 3, PixelType.UINT8).pixels(new byte[11]).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("8-bit frame of 4x3 needs 12 pixels, got 11");
    assertThatThrownBy(() -> Frame.builder(4, 3, PixelType.UINT16).pixels(new byte[12]).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("16-bit frame of 4x3 needs 12 pixels, got none");
    assertThatThrownBy(() -> Frame.builder(0, 3, PixelType.UINT8).pixels(new byte[0]).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frame size must be positive, got 0x3");
    assertThatThrownBy(
            () -> Frame.builder(1, 1, PixelType.UINT8).index(-1).pixels(new byte[1]).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frame index must be >= 0, got -1");
  }

  @Test
  void sixteenBitPixelsAreUnsignedAndCopiedInTheBuffersByteOrder() {
    short[] px = {(short) 0xFFFF, 0x0102};
    Frame f = Frame.builder(2, 1, PixelType.UINT16).pixels(px).build();
    assertThat(f.pixelAt(0)).isEqualTo(65535);
    assertThat(f.pixelBytes()).isEqualTo(4);
    ByteBuffer le = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    f.copyPixelsTo(le);
    assertThat(le.position()).isEqualTo(4);
    assertThat(le.array()).containsExactly(0xFF, 0xFF, 0x02, 0x01);
    ByteBuffer be = ByteBuffer.allocateDirect(4).order(ByteOrder.BIG_ENDIAN);
    f.copyPixelsTo(be);
    be.flip();
    assertThat(be.get(2)).isEqualTo((byte) 0x01);
    assertThat(be.get(3)).isEqualTo((byte) 0x02);
    assertThatThrownBy(f::pixels8).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unknownDeviceFactsAreEmptyAndKnownOnesKept() {
    Instant t = Instant.parse("2026-01-02T03:04:05.123456789Z");
    Frame f = Frame.builder(1, 1, PixelType.UINT8).pixels(new byte[1]).wallClock(t).build();
    assertThat(f.deviceFrameNumber()).isEmpty();
    assertThat(f.deviceTimestampMillis()).isEmpty();
    assertThat(f.wallClock()).isEqualTo(t);
    assertThat(f.integrity().isComplete()).isTrue();
    Frame g =
        Frame.builder(1, 1, PixelType.UINT8)
            .pixels(new byte[1])
            .index(7)
            .deviceFrameNumber(0)
            .deviceTimestampMillis(1050)
            .hostMonotonicNanos(42)
            .integrity(new FrameIntegrity(1, 5032, 0, 0, 0))
            .build();
    assertThat(g.index()).isEqualTo(7);
    assertThat(g.deviceFrameNumber()).hasValue(0);
    assertThat(g.deviceTimestampMillis()).hasValue(1050);
    assertThat(g.hostMonotonicNanos()).isEqualTo(42);
    assertThat(g.integrity().isComplete()).isFalse();
    assertThatThrownBy(() -> new FrameIntegrity(-1, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
