package org.scopeio.writers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.BufferRuntime;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.FrameIntegrity;
import org.scopeio.api.Gap;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriterOptions;
import org.scopeio.config.ConfigStore;
import org.scopeio.config.ConfigTypes;

class CsvHeaderWriterTest {
  @TempDir Path dir;

  static final String MIO_COLUMNS =
      "linked_list,frame_num,buffer_count,frame_buffer_count,write_buffer_count,"
          + "dropped_buffer_count,timestamp,pixel_count,write_timestamp,battery_voltage_raw,"
          + "input_voltage_raw,buffer_recv_index,buffer_recv_unix_time,black_padding_px,"
          + "reconstructed_frame_index";

  @Test
  void streamHeadersGiveMiosFifteenColumnsAndExactRows() throws Exception {
    BufferHeaderFormat fmt =
        new ConfigStore(null, getClass().getClassLoader())
            .load("stream-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT);
    DeviceInfo info =
        new DeviceInfo("t", "t", 2, 2, PixelType.UINT8, 20, fmt, Map.of(), -1, Pace.ON_DEMAND);
    var h0 =
        fmt.decode(new long[] {3, 41, 328, 0, 328, 0, 123456, 5032, 0, 176, 100})
            .withRuntime(new BufferRuntime(0, 1732736563.4329531, 0, 0, false));
    var h1 =
        fmt.decode(new long[] {4, 41, 329, 1, 329, 0, 123458, 4776, 0, 176, 100})
            .withRuntime(new BufferRuntime(1, 1732736563.5, 256, 0, false));
    Frame f0 =
        Frame.builder(2, 2, PixelType.UINT8).pixels(new byte[4]).headers(List.of(h0, h1)).build();
    Frame f1 =
        Frame.builder(2, 2, PixelType.UINT8)
            .index(1)
            .pixels(new byte[4])
            .headers(List.of(fmt.decode(new long[11])))
            .build();
    CsvHeaderWriter w = new CsvHeaderWriter();
    w.open(
        dir.resolve("m"),
        info,
        new WriterOptions(OverwritePolicy.FAIL_IF_EXISTS, Map.of("csv.columns", "mio")));
    w.write(f0);
    w.gap(
        new Gap(
            3, List.of(fmt.decode(new long[] {5, 42, 330, 0, 330, 0, 123500, 5032, 0, 176, 100}))));
    w.write(f1);
    w.close();
    String csv = Files.readString(dir.resolve("m.csv"), StandardCharsets.UTF_8);
    assertThat(csv)
        .isEqualTo(
            MIO_COLUMNS
                + "\r\n"
                + "3,41,328,0,328,0,123456,5032,0,176,100,0,1732736563.4329531,0,0\r\n"
                + "4,41,329,1,329,0,123458,4776,0,176,100,1,1732736563.5,256,0\r\n"
                + "5,42,330,0,330,0,123500,5032,0,176,100,-1,-1.0,-1,-1\r\n"
                // gap(3): frame 42 came with its header; two more frames were lost without
                + ",,,,,,,,,,,-1,-1.0,-1,-1\r\n"
                + ",,,,,,,,,,,-1,-1.0,-1,-1\r\n"
                + "0,0,0,0,0,0,0,0,0,0,0,-1,-1.0,-1,1\r\n");
    assertThat(w.gapFrames()).isEqualTo(3);
  }

  @Test
  void scopeiosChecksFollowMiosColumnsByDefault() throws Exception {
    BufferHeaderFormat fmt =
        new ConfigStore(null, getClass().getClassLoader())
            .load("stream-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT);
    DeviceInfo info =
        new DeviceInfo("t", "t", 2, 2, PixelType.UINT8, 20, fmt, Map.of(), -1, Pace.ON_DEMAND);
    var slipped =
        fmt.decode(new long[] {3, 41, 328, 0, 328, 0, 123456, 5032, 0, 176, 100})
            .withRuntime(new BufferRuntime(0, 1.5, 5, 5027, false));
    var recovered =
        fmt.decode(new long[] {4, 41, 329, 1, 329, 0, 123458, 4776, 0, 176, 100})
            .withRuntime(new BufferRuntime(1, 1.5, 0, 0, true));
    CsvHeaderWriter w = new CsvHeaderWriter();
    w.open(dir.resolve("c"), info, WriterOptions.defaults());
    w.write(
        Frame.builder(2, 2, PixelType.UINT8)
            .pixels(new byte[4])
            .headers(List.of(slipped, recovered))
            .build());
    w.gap(Gap.of(1));
    w.close();
    assertThat(Files.readAllLines(dir.resolve("c.csv")))
        .containsExactly(
            MIO_COLUMNS + ",suspect_px,recovered",
            "3,41,328,0,328,0,123456,5032,0,176,100,0,1.5,5,0,5027,0",
            "4,41,329,1,329,0,123458,4776,0,176,100,1,1.5,0,0,0,1",
            ",,,,,,,,,,,-1,-1.0,-1,-1,-1,-1");
  }

  @Test
  void anUnknownColumnsChoiceIsRefused() {
    DeviceInfo info =
        new DeviceInfo("t", "t", 1, 1, PixelType.UINT8, 20, null, Map.of(), -1, Pace.ON_DEMAND);
    assertThatThrownBy(
            () ->
                new CsvHeaderWriter()
                    .open(
                        dir.resolve("x"),
                        info,
                        new WriterOptions(
                            OverwritePolicy.FAIL_IF_EXISTS, Map.of("csv.columns", "all"))))
        .hasMessage("setting 'csv.columns' must be one of scopeio, mio, got 'all'");
  }

  @Test
  void optionalAbsentFieldsAreLeftOutAndColumnsFollowWordIndex() throws Exception {
    BufferHeaderFormat sd =
        new ConfigStore(null, getClass().getClassLoader())
            .load("sd-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT);
    DeviceInfo info =
        new DeviceInfo("t", "t", 1, 1, PixelType.UINT8, 20, sd, Map.of(), -1, Pace.ON_DEMAND);
    CsvHeaderWriter w = new CsvHeaderWriter();
    w.open(dir.resolve("sd"), info, WriterOptions.defaults());
    w.write(
        Frame.builder(1, 1, PixelType.UINT8)
            .pixels(new byte[1])
            .headers(List.of(sd.decode(new long[] {9, 0, 0, 0, 0, 0, 0, 65, 20444})))
            .build());
    w.close();
    assertThat(Files.readAllLines(dir.resolve("sd.csv")))
        .containsExactly(
            "length,linked_list,frame_num,buffer_count,frame_buffer_count,write_buffer_count,"
                + "dropped_buffer_count,timestamp,data_length,buffer_recv_index,"
                + "buffer_recv_unix_time,black_padding_px,reconstructed_frame_index,suspect_px,"
                + "recovered",
            "9,0,0,0,0,0,0,65,20444,-1,-1.0,-1,0,-1,-1");
  }

  @Test
  void framesWithoutHeadersGetOneFrameLevelRowEach() throws Exception {
    DeviceInfo info =
        new DeviceInfo("t", "t", 1, 1, PixelType.UINT8, 20, null, Map.of(), -1, Pace.ON_DEMAND);
    CsvHeaderWriter w = new CsvHeaderWriter();
    w.open(dir.resolve("f"), info, WriterOptions.defaults());
    w.write(
        Frame.builder(1, 1, PixelType.UINT8)
            .index(4)
            .pixels(new byte[1])
            .deviceFrameNumber(17)
            .hostMonotonicNanos(99)
            .wallClock(Instant.ofEpochSecond(1700000000, 250_000_000))
            .integrity(new FrameIntegrity(1, 10, 0, 0, 0))
            .build());
    w.gap(Gap.of(2));
    w.close();
    assertThat(Files.readAllLines(dir.resolve("f.csv")))
        .containsExactly(
            String.join(",", CsvHeaderWriter.FRAME_COLUMNS),
            "0,4,17,,99,1700000000.25,1,10,0",
            "-1,,,,,,,,",
            "-1,,,,,,,,");
  }

  @Test
  void simulatedFramesGiveOneRowPerBuffer() throws Exception {
    TestFrames t = new TestFrames(100, 100, "uint8", 4);
    CsvHeaderWriter w = new CsvHeaderWriter();
    w.open(dir.resolve("sim"), t.info, WriterOptions.defaults());
    for (Frame f : t.frames) {
      w.write(f);
    }
    w.close();
    List<String> lines = Files.readAllLines(dir.resolve("sim.csv"));
    assertThat(lines.get(0)).isEqualTo(MIO_COLUMNS + ",suspect_px,recovered");
    // 10000 pixels in buffers of 5032: two buffers per frame
    assertThat(lines).hasSize(1 + 4 * 2);
    assertThat(lines.get(8))
        .startsWith("7,3,7,1,7,0,1152,4968,1153,176,100,7,")
        .endsWith(",0,3,0,0");
  }
}
