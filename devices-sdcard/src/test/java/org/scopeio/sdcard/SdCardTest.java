package org.scopeio.sdcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scopeio.api.BufferHeader;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceException;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.FormatException;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameIntegrity;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriteException;
import org.scopeio.config.ConfigStore;
import org.scopeio.format.SdLayout;
import org.scopeio.simulator.SceneConfig;
import org.scopeio.simulator.SdImageEncoder;
import org.scopeio.simulator.SdImageEncoder.Fault;
import org.scopeio.testkit.Drained;

class SdCardTest {
  @TempDir Path dir;

  static final ConfigStore CONFIGS = new ConfigStore(null, SdCardTest.class.getClassLoader());

  static SdLayout layout(String id) {
    return CONFIGS.load(id, SdLayout.TYPE);
  }

  static SceneConfig scene(int w, int h) {
    return new SceneConfig(w, h, PixelType.UINT8, 20, 3, 12, 60, 2, 1, 1.0);
  }

  record Card(Path path, SdImageEncoder.Result result, List<byte[]> frames) {}

  Card encode(String layoutId, int w, int h, int frames, int bufferSize, Fault... faults)
      throws Exception {
    return encode(layout(layoutId), w, h, frames, bufferSize, faults);
  }

  Card encode(SdLayout layout, int w, int h, int frames, int bufferSize, Fault... faults)
      throws Exception {
    Path p = dir.resolve("card-" + System.nanoTime() + ".img");
    List<byte[]> pixels = new ArrayList<>();
    SdImageEncoder.Result r =
        new SdImageEncoder(layout, scene(w, h), frames, bufferSize, Set.of(faults))
            .write(p, (i, px) -> pixels.add(px));
    return new Card(p, r, pixels);
  }

  @ParameterizedTest(name = "{0} {1}x{2} buffer {3}")
  @CsvSource({
    "wirefree-sd-layout, 304, 304, 20480",
    "wirefree-sd-layout-battery, 304, 304, 20480",
    "wirefree-sd-layout, 120, 64, 2048",
    "wirefree-sd-layout-battery, 64, 120, 3072",
    "wirefree-sd-layout, 40, 30, 2048"
  })
  void everyFrameReadsBackExactlyWithItsHeaders(String layoutId, int w, int h, int bufferSize)
      throws Exception {
    Card c = encode(layoutId, w, h, 9, bufferSize);
    try (SdCard card = SdCard.open(c.path(), layout(layoutId), layoutId)) {
      SdCardInfo info = card.info();
      assertThat(info.frameCount()).isEqualTo(9);
      assertThat(info.writeKeysValid()).isTrue();
      assertThat(info.endReason()).isEqualTo(SdEndReason.BUFFER_LIMIT);
      assertThat(info.config())
          .isEqualTo(new SdRecordingConfig(w, h, 20, bufferSize, c.result().buffersWritten(), 0));
      assertThat(info.settings())
          .containsExactly(
              Map.entry("gain", 2L),
              Map.entry("led", 30L),
              Map.entry("ewl", 120L),
              Map.entry("record_length", 60L),
              Map.entry("fs", 20L),
              Map.entry("delay_start", 0L),
              Map.entry("battery_cutoff", 3300L));
      int l = layoutId.endsWith("battery") ? 11 : 9;
      int perBuffer = bufferSize - 4 * l;
      int buffers = (w * h + perBuffer - 1) / perBuffer;
      for (int k = 0; k < 9; k++) {
        Frame f = card.readFrame(k);
        assertThat(f.width()).isEqualTo(w);
        assertThat(f.height()).isEqualTo(h);
        assertThat(f.pixels8()).as("frame %d", k).isEqualTo(c.frames().get(k));
        assertThat(f.integrity().isComplete()).isTrue();
        assertThat(f.deviceFrameNumber()).hasValue(k);
        assertThat(f.deviceTimestampMillis()).hasValue(1000 + 50L * k);
        assertThat(f.headers()).hasSize(buffers);
        BufferHeader last = f.headers().get(buffers - 1);
        assertThat(last.get("length")).isEqualTo(l);
        assertThat(last.frameBufferCount()).isEqualTo(buffers - 1);
        assertThat(last.get("data_length")).isEqualTo(w * h - (buffers - 1L) * perBuffer);
        if (l == 11) {
          assertThat(last.get("battery_voltage")).isEqualTo(k == 1 ? 173 : 174);
          assertThat(last.get("write_timestamp")).isEqualTo(last.timestamp() + 9);
        } else {
          assertThat(last.find("battery_voltage")).isEmpty();
        }
      }
      // non-square: row r, column c is pixel r * width + c of the stream
      Frame f0 = card.readFrame(0);
      assertThat(f0.pixel(h - 1, 0)).isEqualTo(c.frames().get(0)[(h - 1) * w] & 0xFF);
    }
  }

  @Test
  void randomAccessEqualsSequentialAccess() throws Exception {
    Card c = encode("wirefree-sd-layout", 96, 80, 25, 4096);
    try (SdCard card = SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout")) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        order.add(i);
      }
      Collections.shuffle(order, new java.util.Random(11));
      for (int k : order) {
        assertThat(card.readFrame(k).pixels8()).isEqualTo(c.frames().get(k));
      }
      assertThatThrownBy(() -> card.readFrame(25))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageEndingWith("frame 25 does not exist; the card holds frames 0 to 24");
    }
  }

  @Test
  void positionalReadsAsForBlockDevicesGiveTheSameFrames() throws Exception {
    Card c = encode("wirefree-sd-layout-battery", 90, 70, 6, 2048, Fault.DROPPED_BUFFERS);
    SdLayout l = layout("wirefree-sd-layout-battery");
    try (SdCard mapped = SdCard.open(c.path(), l, "b");
        SdCard pread = SdCard.open(c.path(), l, "b", SdCard.Access.POSITIONAL_READS)) {
      assertThat(pread.info()).isEqualTo(mapped.info());
      for (int k = 0; k < 6; k++) {
        Frame a = mapped.readFrame(k);
        Frame b = pread.readFrame(k);
        assertThat(b.pixels8()).isEqualTo(a.pixels8());
        assertThat(b.headers()).isEqualTo(a.headers());
        assertThat(b.integrity()).isEqualTo(a.integrity());
      }
    }
  }

  @Test
  void framesHoldingMoreThanWidthTimesHeightBytesKeepTheFirstAndCountTheRest() throws Exception {
    // frame 1's buffers carry frame 0's number and a non-zero first index: the two merge
    Card c = encode("wirefree-sd-layout", 40, 30, 3, 1024);
    SdLayout l = layout("wirefree-sd-layout");
    long second;
    int buffers;
    try (SdCard card = SdCard.open(c.path(), l, "w")) {
      second = card.frameOffset(1);
      buffers = card.frameBuffers(1);
    }
    try (FileChannel ch =
        FileChannel.open(c.path(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long pos = second;
      for (int b = 0; b < buffers; b++) {
        ByteBuffer h = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(h, pos);
        h.putInt(2 * 4, 0); // frame_num
        h.putInt(4 * 4, buffers + b); // frame_buffer_count
        h.rewind();
        ch.write(h, pos);
        pos += SectorMath.span(h.getInt(8 * 4), 9);
      }
    }
    try (SdCard card = SdCard.open(c.path(), l, "w")) {
      assertThat(card.frameCount()).isEqualTo(2);
      Frame merged = card.readFrame(0);
      assertThat(merged.headers()).hasSize(2 * buffers);
      assertThat(merged.pixels8()).isEqualTo(c.frames().get(0));
      assertThat(merged.integrity().excessBytes()).isEqualTo(40 * 30);
      assertThat(merged.integrity().paddedPixels()).isZero();
      assertThat(card.readFrame(1).pixels8()).isEqualTo(c.frames().get(2));
    }
  }

  @Test
  void aDroppedBufferLeavesAHoleAndTheBuffersAfterItKeepTheirRows() throws Exception {
    Card c = encode("wirefree-sd-layout", 100, 100, 10, 2048, Fault.DROPPED_BUFFERS);
    // buffer 1 of frames 2 and 9, buffer 0 of frame 5
    assertThat(c.result().buffersDropped()).isEqualTo(3);
    int perBuffer = 2048 - 36;
    try (SdCard card = SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout")) {
      assertThat(card.frameCount()).isEqualTo(10);
      assertThat(card.info().config().buffersDropped()).isEqualTo(3);
      assertThat(card.info().framesWithMissingData()).isEqualTo(3);
      for (int k : new int[] {2, 5, 9}) {
        Frame f = card.readFrame(k);
        int hole = k == 5 ? 0 : 1;
        assertThat(f.integrity()).isEqualTo(new FrameIntegrity(1, perBuffer, 0, 0, 0));
        // what the camera saw, with zeros where the dropped buffer's pixels were
        byte[] expected = c.frames().get(k).clone();
        java.util.Arrays.fill(expected, hole * perBuffer, (hole + 1) * perBuffer, (byte) 0);
        assertThat(f.pixels8()).as("frame %d", k).isEqualTo(expected);
        assertThat(f.headers())
            .extracting(BufferHeader::frameBufferCount)
            .doesNotContain((long) hole);
        assertThat(f.deviceFrameNumber()).hasValue(k);
      }
      assertThat(card.readFrame(2).headers().get(1).get("dropped_buffer_count")).isEqualTo(1);
      assertThat(card.readFrame(3).integrity().isComplete()).isTrue();
      assertThat(card.readFrame(4).pixels8()).isEqualTo(c.frames().get(4));
      assertThat(card.readFrame(6).pixels8()).isEqualTo(c.frames().get(6));
    }
  }

  @Test
  void aZeroedTailEndsTheDataWhenTheConfigHasNoCounts() throws Exception {
    Card c = encode("wirefree-sd-layout-battery", 64, 64, 5, 2048, Fault.ZEROED_TAIL);
    try (SdCard card =
        SdCard.open(c.path(), layout("wirefree-sd-layout-battery"), "wirefree-sd-layout-battery")) {
      assertThat(card.info().endReason()).isEqualTo(SdEndReason.ZERO_LENGTH);
      assertThat(card.frameCount()).isEqualTo(5);
      assertThat(card.readFrame(4).pixels8()).isEqualTo(c.frames().get(4));
    }
  }

  @Test
  void staleDataOfAnOlderRecordingIsNeverReturned() throws Exception {
    Card c = encode("wirefree-sd-layout", 64, 48, 6, 1024, Fault.STALE_DATA);
    assertThat(Files.size(c.path())).isGreaterThan(c.result().bytes() / 2);
    try (SdCard card = SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout")) {
      assertThat(card.frameCount()).isEqualTo(6);
      assertThat(card.info().endReason()).isEqualTo(SdEndReason.BUFFER_LIMIT);
      assertThat(card.info().buffersScanned()).isEqualTo(c.result().buffersWritten());
      assertThat(card.readFrame(5).pixels8()).isEqualTo(c.frames().get(5));
    }
  }

  @Test
  void aTruncatedLastFrameIsReportedNotPadded() throws Exception {
    Card c = encode("wirefree-sd-layout", 100, 100, 4, 2048, Fault.TRUNCATED_FINAL_FRAME);
    try (SdCard card = SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout")) {
      SdCardInfo info = card.info();
      assertThat(info.frameCount()).isEqualTo(3);
      assertThat(info.endReason()).isEqualTo(SdEndReason.TRUNCATED);
      assertThat(info.incompleteFrame())
          .hasValueSatisfying(
              s ->
                  assertThat(s)
                      .startsWith("the last frame (frame_num 3")
                      .endsWith("it is not returned"));
      assertThat(card.readFrame(2).pixels8()).isEqualTo(c.frames().get(2));
    }
  }

  @Test
  void aCorruptHeaderIsSteppedOverToTheNextGoodHeaderAndReported() throws Exception {
    // 64x64 frames in buffers of 2012, 2012 and 72 pixels; buffer 0 of frame 3 is corrupt
    Card c = encode("wirefree-sd-layout", 64, 64, 6, 2048, Fault.CORRUPT_HEADER);
    try (SdCard card = SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout")) {
      assertThat(card.frameCount()).isEqualTo(6);
      assertThat(card.corruption()).isEmpty();
      assertThat(card.info().skipped())
          .singleElement()
          .satisfies(
              k -> {
                // frame 3 now starts at its buffer 1, right after the corrupt buffer 0
                assertThat(k.offset()).isEqualTo(card.frameEnd(2));
                assertThat(k.resumedAt()).isEqualTo(card.frameEnd(2) + 2048);
                assertThat(k.resumedAt()).isEqualTo(card.frameOffset(3));
                assertThat(k.problem())
                    .isEqualTo(
                        "buffer header data_length is 4294967280 at byte offset "
                            + card.frameEnd(2)
                            + "; expected 1 to 4096 (one 64x64 frame)");
              });
      Frame f3 = card.readFrame(3);
      assertThat(f3.integrity()).isEqualTo(new FrameIntegrity(1, 2012, 0, 0, 0));
      byte[] want = c.frames().get(3).clone();
      java.util.Arrays.fill(want, 0, 2012, (byte) 0);
      assertThat(f3.pixels8()).isEqualTo(want);
      assertThat(card.readFrame(4).pixels8()).isEqualTo(c.frames().get(4));
    }
  }

  @Test
  void aScanWithPositionalReadsFindsWhatTheMappedScanFinds() throws Exception {
    // a corrupt header stepped over and dropped buffers: the scan's harder paths, both ways
    for (Fault fault : new Fault[] {Fault.CORRUPT_HEADER, Fault.DROPPED_BUFFERS}) {
      Card c = encode("wirefree-sd-layout", 64, 64, 12, 2048, fault);
      SdLayout l = layout("wirefree-sd-layout");
      SdCardInfo scanned = SdCard.scan(c.path(), l, "wirefree-sd-layout");
      try (SdCard card = SdCard.open(c.path(), l, "wirefree-sd-layout")) {
        assertThat(scanned).as("%s", fault).isEqualTo(card.info());
      }
      assertThat(scanned.frameCount()).isEqualTo(12);
    }
  }

  @Test
  void aCorruptHeaderWithNoGoodHeaderAfterItIsAnErrorNamingItsOffset() throws Exception {
    Card c = encode("wirefree-sd-layout", 64, 64, 6, 2048, Fault.CORRUPT_HEADER);
    long bad;
    try (SdCard card = SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout")) {
      bad = card.frameEnd(2); // the corrupt buffer 0 of frame 3
    }
    try (FileChannel ch = FileChannel.open(c.path(), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate((int) (Files.size(c.path()) - bad - 2048)), bad + 2048);
    }
    try (SdCard card = SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout")) {
      assertThat(card.frameCount()).isEqualTo(3);
      assertThat(card.info().endReason()).isEqualTo(SdEndReason.CORRUPT_HEADER);
      assertThat(card.corruption())
          .hasValueSatisfying(
              e -> {
                assertThat(e.offset()).isEqualTo(c.result().corruptOffset());
                assertThat(e)
                    .hasMessage(
                        c.path()
                            + " at byte offset "
                            + c.result().corruptOffset()
                            + ": buffer header data_length is 4294967280 at byte offset "
                            + bad
                            + "; expected 1 to 4096 (one 64x64 frame); no valid buffer header"
                            + " follows, so 9 of the 18 buffers the config sector lists are not"
                            + " read (frames after the 3 read so far)");
              });
    }
    // the device delivers every good frame, then raises the error once
    try (Device d = device(c.path(), "wirefree-sd-layout", Map.of())) {
      d.open();
      int n = 0;
      FormatException error = null;
      try {
        while (Drained.nextFrame(d, Duration.ofMinutes(1)).isPresent()) {
          n++;
        }
      } catch (FormatException e) {
        error = e;
      }
      assertThat(n).isEqualTo(3);
      assertThat(error).isNotNull();
      assertThat(Drained.nextFrame(d, Duration.ofMinutes(1))).isEmpty();
    }
  }

  @Test
  void cardsWithTheLegacyLayoutAreRecognised() throws Exception {
    SdLayout legacy = layout("wirefree-sd-layout").withSectors(SdLayout.Sectors.LEGACY);
    Card c = encode(legacy, 32, 32, 3, 1024);
    assertThatThrownBy(
            () -> SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(
            "no write keys in the header sector 1022 of layout 'wirefree-sd-layout', but they are at sector 1023")
        .hasMessageEndingWith("use --layout wirefree-sd-layout-legacy");
    try (SdCard card =
        SdCard.open(c.path(), layout("wirefree-sd-layout-legacy"), "wirefree-sd-layout-legacy")) {
      assertThat(card.frameCount()).isEqualTo(3);
      assertThat(card.readFrame(2).pixels8()).isEqualTo(c.frames().get(2));
    }
  }

  @Test
  void invalidWriteKeysAreReportedAndTheDataStillRead() throws Exception {
    Card c = encode("wirefree-sd-layout", 32, 32, 2, 1024);
    try (FileChannel ch = FileChannel.open(c.path(), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 1022 * 512);
    }
    try (SdCard card = SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout")) {
      assertThat(card.info().writeKeysValid()).isFalse();
      assertThat(card.frameCount()).isEqualTo(2);
    }
  }

  @Test
  void badConfigSectorsAndShortFilesGiveFormatErrors() throws Exception {
    Card c = encode("wirefree-sd-layout", 32, 32, 2, 1024);
    try (FileChannel ch = FileChannel.open(c.path(), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0), 1023 * 512 + 4);
    }
    assertThatThrownBy(
            () -> SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout"))
        .isInstanceOf(FormatException.class)
        .hasMessage(
            c.path()
                + " at byte offset 523780: config sector field 'height' is 0; expected 1 to 8192 pixels");
    Path tiny = dir.resolve("tiny.img");
    Files.write(tiny, new byte[1000]);
    assertThatThrownBy(() -> SdCard.open(tiny, layout("wirefree-sd-layout"), "wirefree-sd-layout"))
        .isInstanceOf(FormatException.class)
        .hasMessage(
            tiny
                + " at byte offset 1000: the file has only 1000 bytes; an SD card image holds at"
                + " least 524288 bytes (the header sector at byte 523264, the config sector, then"
                + " the data)");
    assertThatThrownBy(
            () -> SdCard.open(dir.resolve("none.img"), layout("wirefree-sd-layout"), "x"))
        .isInstanceOf(DeviceException.class)
        .hasMessage(dir.resolve("none.img") + ": no such SD card image or device");
  }

  @Test
  void anImplausibleHeaderLengthWhereTheConfigListsMoreBuffersIsSteppedOver() throws Exception {
    Card c = encode("wirefree-sd-layout", 32, 32, 3, 1024);
    long third;
    try (SdCard card = SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout")) {
      third = card.frameOffset(2);
    }
    try (FileChannel ch = FileChannel.open(c.path(), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 5000), third);
    }
    try (SdCard card = SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout")) {
      assertThat(card.frameCount()).isEqualTo(3);
      assertThat(card.info().skipped())
          .extracting(SdCardInfo.Skipped::problem)
          .containsExactly(
              "header length word is 5000 at byte offset "
                  + third
                  + "; layout 'wirefree-sd-layout' needs 9 to 128");
      assertThat(card.readFrame(2).integrity().missingBuffers()).isEqualTo(1);
    }
  }

  @Test
  void anImplausibleHeaderLengthEndsTheDataWhenNothingFollows() throws Exception {
    // counts unknown (zeroed tail): a bad length with only zeros after it is the end
    Card c = encode("wirefree-sd-layout", 32, 32, 3, 1024, Fault.ZEROED_TAIL);
    long end;
    try (SdCard card = SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout")) {
      end = card.frameEnd(2);
    }
    try (FileChannel ch = FileChannel.open(c.path(), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 5000), end);
    }
    try (SdCard card = SdCard.open(c.path(), layout("wirefree-sd-layout"), "wirefree-sd-layout")) {
      assertThat(card.frameCount()).isEqualTo(3);
      assertThat(card.info().endReason()).isEqualTo(SdEndReason.IMPLAUSIBLE_LENGTH);
      assertThat(card.info().endOffset()).isEqualTo(end);
      assertThat(card.info().endDetail())
          .isEqualTo(
              "header length word is 5000 at byte offset "
                  + end
                  + "; layout 'wirefree-sd-layout' needs 9 to 128");
    }
  }

  @ParameterizedTest(name = "keep {0} frames")
  @CsvSource({"0", "1", "4", "7"})
  void truncationKeepsExactlyTheFramesAsked(int keep) throws Exception {
    Card c = encode("wirefree-sd-layout-battery", 80, 60, 7, 2048);
    Path out = dir.resolve("small/cut.img");
    long expectedBytes;
    try (SdCard card =
        SdCard.open(c.path(), layout("wirefree-sd-layout-battery"), "wirefree-sd-layout-battery")) {
      expectedBytes = keep == 0 ? 524288 : card.frameEnd(keep - 1);
      long[] last = {0};
      assertThat(card.truncate(out, keep, false, b -> last[0] = b)).isEqualTo(expectedBytes);
      assertThat(last[0]).isEqualTo(expectedBytes);
      assertThatThrownBy(() -> card.truncate(out, keep, false, b -> {}))
          .isInstanceOf(WriteException.class)
          .hasMessage(out + ": exists; refusing to overwrite it (use --force)");
      assertThat(card.truncate(out, keep, true, b -> {})).isEqualTo(expectedBytes);
    }
    assertThat(Files.size(out)).isEqualTo(expectedBytes);
    try (SdCard cut =
        SdCard.open(out, layout("wirefree-sd-layout-battery"), "wirefree-sd-layout-battery")) {
      assertThat(cut.frameCount()).isEqualTo(keep);
      assertThat(cut.info().endReason())
          .isEqualTo(keep == 7 ? SdEndReason.BUFFER_LIMIT : SdEndReason.END_OF_FILE);
      for (int k = 0; k < keep; k++) {
        assertThat(cut.readFrame(k).pixels8()).isEqualTo(c.frames().get(k));
      }
    }
  }

  @Test
  void imagesBeyondFourGibibytesAreAddressedCorrectly() throws Exception {
    // a sparse image whose header, config and data sectors lie past 4 GiB
    SdLayout far =
        layout("wirefree-sd-layout")
            .withSectors(new SdLayout.Sectors(9_000_000L, 9_000_001L, 9_000_002L, 512));
    Card c = encode(far, 48, 40, 3, 1024);
    assertThat(Files.size(c.path())).isGreaterThan(4L << 30);
    try (SdCard card = SdCard.open(c.path(), far, "far")) {
      assertThat(card.frameCount()).isEqualTo(3);
      assertThat(card.frameOffset(0)).isEqualTo(9_000_002L * 512);
      assertThat(card.readFrame(2).pixels8()).isEqualTo(c.frames().get(2));
    }
  }

  @Test
  void theDeviceIsFoundByTypeAndPlaysAFrameRange() throws Exception {
    Card c = encode("wirefree-sd-layout", 50, 40, 8, 1024);
    try (Device d = device(c.path(), "wirefree-sd-layout", Map.of("start", "2", "end", "5"))) {
      var info = d.open();
      assertThat(info.width()).isEqualTo(50);
      assertThat(info.height()).isEqualTo(40);
      assertThat(info.frameRate()).isEqualTo(20.0);
      assertThat(info.properties())
          .containsEntry("setting.gain", "2")
          .containsEntry("frame_count", "8");
      List<Frame> got = new ArrayList<>();
      for (var f = Drained.nextFrame(d, Duration.ofMinutes(1));
          f.isPresent();
          f = Drained.nextFrame(d, Duration.ofMinutes(1))) {
        got.add(f.get());
      }
      assertThat(got).extracting(Frame::index).containsExactly(2L, 3L, 4L);
      assertThat(got.get(0).pixels8()).isEqualTo(c.frames().get(2));
      assertThat(d.counters().framesDelivered()).isEqualTo(3);
    }
    assertThatThrownBy(() -> device(c.path(), "wirefree-sd-layout", Map.of("colour", "x")))
        .hasMessageContaining("unknown option");
    assertThatThrownBy(
            () ->
                DeviceRegistry.load(getClass().getClassLoader())
                    .create("sdcard", DeviceRequest.defaults(CONFIGS)))
        .hasMessageContaining("key 'image': required");
  }

  @Test
  void miosLayoutFilesLoadUnchangedWithTheirDeadVersionKey() throws Exception {
    Path mio = dir.resolve("sd-layout-battery.yaml");
    String packaged;
    try (var in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("scopeio/config/wirefree-sd-layout-battery.yaml")) {
      packaged = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Files.writeString(
        mio, packaged.replace("mio_version: 0.8.1\n", "mio_version: 0.8.1\nversion: 0.1.1\n"));
    SdLayout l = CONFIGS.load(mio.toString(), SdLayout.TYPE);
    assertThat(l).isEqualTo(layout("wirefree-sd-layout-battery"));
    assertThat(l.sectors().dataPos()).isEqualTo(524288);
    assertThat(l.writeKeys()).containsOnly(0x0D7CBA17L);
    assertThat(l.bufferFormat("b").index("battery_voltage")).hasValue(10);
    Path noSectors = dir.resolve("bad.yaml");
    Files.writeString(noSectors, packaged.replaceAll("(?s)sectors:.*?size: 512\n", ""));
    assertThatThrownBy(() -> CONFIGS.load(noSectors.toString(), SdLayout.TYPE))
        .hasMessageContaining("'sectors' is required (SD layouts give every position explicitly)");
  }

  static Device device(Path image, String layoutId, Map<String, String> extra) {
    Map<String, String> options = new java.util.HashMap<>(extra);
    options.put("image", image.toString());
    return DeviceRegistry.load(SdCardTest.class.getClassLoader())
        .create("sdcard", new DeviceRequest(layoutId, options, CONFIGS));
  }
}
