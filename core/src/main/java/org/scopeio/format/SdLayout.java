package org.scopeio.format;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.ConfigType;

/**
 * Where a wire-free miniscope puts things on its SD card (docs/formats.md §3), bound from the same
 * YAML as mio's {@code SDLayout} files ({@code wirefree-sd-layout}, {@code
 * wirefree-sd-layout-battery}). Pure data: {@code devices-sdcard} reads cards with it and the
 * simulator writes them.
 *
 * @param sectors where the header, config and data sectors are (required, never defaulted)
 * @param writeKey0 first write key (header-sector word 0)
 * @param writeKey1 second write key (word 1)
 * @param writeKey2 third write key (word 2)
 * @param writeKey3 fourth write key (word 3)
 * @param header word positions of the user settings in the header sector
 * @param config word positions of the recording settings in the config sector
 * @param buffer the buffer header format: field to word index
 */
public record SdLayout(
    Sectors sectors,
    @JsonProperty("write_key0") Long writeKey0,
    @JsonProperty("write_key1") Long writeKey1,
    @JsonProperty("write_key2") Long writeKey2,
    @JsonProperty("write_key3") Long writeKey3,
    HeaderPositions header,
    ConfigPositions config,
    Map<String, Integer> buffer) {

  /**
   * The config type: Scopeio model {@code sd-layout}, mio model {@code mio.models.sdcard.SDLayout}.
   */
  public static final ConfigType<SdLayout> TYPE =
      ConfigType.bound(
          "sd-layout", SdLayout.class, Set.of("mio.models.sdcard.SDLayout"), Set.of("version"));

  /** Id of the basic layout. */
  public static final String DEFAULT_ID = "wirefree-sd-layout";

  /** The write key every current layout uses (bytes on disk {@code 17 BA 7C 0D}). */
  public static final long WRITE_KEY = 0x0D7CBA17L;

  /** Words in the header and config sectors that are read. */
  public static final int SECTOR_WORDS = 128;

  public SdLayout {
    require(sectors, "sectors");
    require(writeKey0, "write_key0");
    require(writeKey1, "write_key1");
    require(writeKey2, "write_key2");
    require(writeKey3, "write_key3");
    require(header, "header");
    require(config, "config");
    require(buffer, "buffer");
    buffer = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buffer));
    Integer length = buffer.get("length");
    if (length == null || length != 0) {
      throw new IllegalArgumentException(
          "buffer.length must be 0: the header length is the first word of every buffer");
    }
    for (String f : new String[] {"frame_num", "frame_buffer_count", "data_length", "timestamp"}) {
      if (buffer.get(f) == null) {
        throw new IllegalArgumentException(
            "buffer." + f + " is required: Scopeio needs it to read the card");
      }
    }
    buffer.forEach((k, v) -> word("buffer." + k, v));
    header.asMap().forEach((k, v) -> word("header." + k, v));
    word("config.width", config.width());
    word("config.height", config.height());
    word("config.fs", config.fs());
    word("config.buffer_size", config.bufferSize());
    word("config.n_buffers_recorded", config.nBuffersRecorded());
    word("config.n_buffers_dropped", config.nBuffersDropped());
    for (long key : new long[] {writeKey0, writeKey1, writeKey2, writeKey3}) {
      if (key < 0 || key > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException(
            "write keys are unsigned 32-bit words (0 to 4294967295), got " + key);
      }
    }
  }

  /** A word index of a 128-word sector or header: 0 to 127 ({@code null} for an absent field). */
  private static void word(String key, Integer index) {
    if (index != null && (index < 0 || index >= SECTOR_WORDS)) {
      throw new IllegalArgumentException(
          key + " is word " + index + "; words are 0 to " + (SECTOR_WORDS - 1));
    }
  }

  private static void require(Object v, String key) {
    if (v == null) {
      throw new IllegalArgumentException(
          "'" + key + "' is required (SD layouts give every position explicitly)");
    }
  }

  /** The four write keys in order. */
  public long[] writeKeys() {
    return new long[] {writeKey0, writeKey1, writeKey2, writeKey3};
  }

  /** The buffer header format of this layout, named {@code <layoutId>/buffer}. */
  public BufferHeaderFormat bufferFormat(String layoutId) {
    return BufferHeaderFormat.of(layoutId + "/buffer", buffer);
  }

  /** This layout with other sector numbers (for example the legacy 1023/1024/1025). */
  public SdLayout withSectors(Sectors other) {
    return new SdLayout(other, writeKey0, writeKey1, writeKey2, writeKey3, header, config, buffer);
  }

  /**
   * Sector numbers of the three regions and the sector size.
   *
   * @param header the user-settings sector (1022 in current layouts)
   * @param config the recording-settings sector (1023)
   * @param data the first data sector (1024)
   * @param size bytes per sector (512)
   */
  public record Sectors(Long header, Long config, Long data, Integer size) {
    /** The last sector of a 2 TiB card: no layout puts its regions beyond. */
    public static final long MAX_SECTOR = (1L << 32) - 1;

    /** The positions of mio's first layout, still found on old cards. */
    public static final Sectors LEGACY = new Sectors(1023L, 1024L, 1025L, 512);

    public Sectors {
      require(header, "sectors.header");
      require(config, "sectors.config");
      require(data, "sectors.data");
      require(size, "sectors.size");
      if (size != 512) {
        throw new IllegalArgumentException("sectors.size must be 512, got " + size);
      }
      for (long sector : new long[] {header, config, data}) {
        if (sector < 0 || sector > MAX_SECTOR) {
          throw new IllegalArgumentException(
              "sector numbers must be 0 to " + MAX_SECTOR + " (a 2 TiB card), got " + sector);
        }
      }
    }

    public long headerPos() {
      return header * size;
    }

    public long configPos() {
      return config * size;
    }

    public long dataPos() {
      return data * size;
    }
  }

  /**
   * Word positions of the user settings in the header sector; {@code delayStart} and {@code
   * batteryCutoff} are optional.
   */
  public record HeaderPositions(
      Integer gain,
      Integer led,
      Integer ewl,
      Integer recordLength,
      Integer fs,
      Integer delayStart,
      Integer batteryCutoff) {
    public HeaderPositions {
      require(gain, "header.gain");
      require(led, "header.led");
      require(ewl, "header.ewl");
      require(recordLength, "header.record_length");
      require(fs, "header.fs");
    }

    /** Setting name to word, in order, absent optional settings left out. */
    public Map<String, Integer> asMap() {
      Map<String, Integer> m = new LinkedHashMap<>();
      m.put("gain", gain);
      m.put("led", led);
      m.put("ewl", ewl);
      m.put("record_length", recordLength);
      m.put("fs", fs);
      if (delayStart != null) {
        m.put("delay_start", delayStart);
      }
      if (batteryCutoff != null) {
        m.put("battery_cutoff", batteryCutoff);
      }
      return m;
    }
  }

  /** Word positions of the recording settings in the config sector. */
  public record ConfigPositions(
      Integer width,
      Integer height,
      Integer fs,
      Integer bufferSize,
      Integer nBuffersRecorded,
      Integer nBuffersDropped) {
    public ConfigPositions {
      require(width, "config.width");
      require(height, "config.height");
      require(fs, "config.fs");
      require(bufferSize, "config.buffer_size");
      require(nBuffersRecorded, "config.n_buffers_recorded");
      require(nBuffersDropped, "config.n_buffers_dropped");
    }
  }
}
