package org.scopeio.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scopeio.api.ConfigType;

/**
 * A wireless (FPGA or UART) stream device, bound from the same YAML as mio's {@code
 * StreamDevConfig} files such as {@code wireless-200px} (docs/formats.md §4.2). Pure data: {@code
 * devices-stream} decodes streams with it and the simulator encodes them.
 *
 * @param device {@code OK} (Opal Kelly FPGA) or {@code UART}; informational
 * @param bitstream FPGA image, or {@code null} for none (docs/formats.md, decision 29)
 * @param port serial port, for UART devices
 * @param baudrate serial baud rate, for UART devices
 * @param frameWidth pixel columns
 * @param frameHeight pixel rows
 * @param fs nominal frame rate
 * @param preamble the preamble: a YAML integer or a hex string with or without {@code 0x}
 * @param headerLen header length in bits, preamble word included (384)
 * @param pixDepth bits per pixel; only 8 is supported
 * @param bufferBlockLength blocks per buffer
 * @param blockSize bytes per block
 * @param numBuffers size of the device's circular buffer (where {@code linked_list} wraps)
 * @param reverseHeaderBits reverse all 32 bits of each header word (and the preamble search
 *     pattern)
 * @param reverseHeaderBytes reverse the byte order of each header word
 * @param reversePayloadBits reverse all 32 bits of each payload word
 * @param reversePayloadBytes reverse the byte order of each payload word
 * @param dummyWords 32-bit filler words sent before each preamble
 * @param adcScale how to scale the voltage fields; {@code null} keeps raw values
 * @param runtime queue sizes and display settings of mio's runtime block
 */
public record StreamDevConfig(
    String device,
    String bitstream,
    String port,
    Integer baudrate,
    Integer frameWidth,
    Integer frameHeight,
    Integer fs,
    JsonNode preamble,
    Integer headerLen,
    Integer pixDepth,
    Integer bufferBlockLength,
    Integer blockSize,
    Integer numBuffers,
    Boolean reverseHeaderBits,
    Boolean reverseHeaderBytes,
    Boolean reversePayloadBits,
    Boolean reversePayloadBytes,
    Integer dummyWords,
    AdcScaling adcScale,
    Runtime runtime) {

  /** The config type: model {@code stream-device}, mio's {@code StreamDevConfig}. */
  public static final ConfigType<StreamDevConfig> TYPE =
      ConfigType.bound(
          "stream-device",
          StreamDevConfig.class,
          Set.of("mio.models.stream.StreamDevConfig"),
          Set.of("runtime.csv"));

  public StreamDevConfig {
    require(device, "device");
    require(frameWidth, "frame_width");
    require(frameHeight, "frame_height");
    require(preamble, "preamble");
    require(headerLen, "header_len");
    require(bufferBlockLength, "buffer_block_length");
    require(blockSize, "block_size");
    require(numBuffers, "num_buffers");
    fs = fs == null ? 20 : fs;
    pixDepth = pixDepth == null ? 8 : pixDepth;
    reverseHeaderBits = reverseHeaderBits != null && reverseHeaderBits;
    reverseHeaderBytes = reverseHeaderBytes != null && reverseHeaderBytes;
    reversePayloadBits = reversePayloadBits != null && reversePayloadBits;
    reversePayloadBytes = reversePayloadBytes != null && reversePayloadBytes;
    dummyWords = dummyWords == null ? 0 : dummyWords;
    runtime = runtime == null ? Runtime.DEFAULTS : runtime;
    if (!Set.of("OK", "UART").contains(device)) {
      throw new IllegalArgumentException("device must be OK or UART, got '" + device + "'");
    }
    if (frameWidth < 1 || frameHeight < 1 || frameWidth > 8192 || frameHeight > 8192) {
      throw new IllegalArgumentException(
          "frame size must be 1 to 8192 pixels each way, got " + frameWidth + "x" + frameHeight);
    }
    if (pixDepth != 8) {
      throw new IllegalArgumentException(
          "pix_depth " + pixDepth + " is not supported; streams carry 8-bit pixels");
    }
    if (fs < 1 || fs > 100_000) {
      throw new IllegalArgumentException("'fs' must be 1 to 100000 frames per second, got " + fs);
    }
    byte[] p = preambleBytes(preamble);
    if (p.length < 2 || p.length > 7) {
      throw new IllegalArgumentException(
          "'preamble' must be 2 to 7 bytes (4 in every known device), got " + p.length);
    }
    if (headerLen % 32 != 0 || headerLen < 8 * p.length + 32 || headerLen > 32 * 128) {
      throw new IllegalArgumentException(
          "'header_len' is "
              + headerLen
              + " bits; expected a multiple of 32 that holds the preamble and at least one"
              + " header word, at most 4096 (128 words)");
    }
    if (bufferBlockLength < 1 || bufferBlockLength > 1 << 16) {
      throw new IllegalArgumentException(
          "'buffer_block_length' must be 1 to 65536, got " + bufferBlockLength);
    }
    if (blockSize < 1 || blockSize > 1 << 24) {
      throw new IllegalArgumentException("'block_size' must be 1 to 16777216, got " + blockSize);
    }
    long bufferBytes = (long) bufferBlockLength * blockSize;
    if (bufferBytes > MAX_BUFFER_BYTES) {
      throw new IllegalArgumentException(
          "buffer_block_length x block_size is "
              + bufferBytes
              + " bytes; a buffer is at most "
              + MAX_BUFFER_BYTES
              + " (16 MiB)");
    }
    if (dummyWords < 0 || dummyWords > bufferBytes / 4) {
      throw new IllegalArgumentException(
          "'dummy_words' must be 0 to " + bufferBytes / 4 + " (the buffer), got " + dummyWords);
    }
    if (numBuffers < 1) {
      throw new IllegalArgumentException("'num_buffers' must be at least 1, got " + numBuffers);
    }
    if (pixelsPerBufferOf(bufferBlockLength, blockSize, headerLen, dummyWords) < 1) {
      throw new IllegalArgumentException(
          "a buffer of "
              + bufferBytes
              + " bytes has no room for pixels after the header and dummy words");
    }
  }

  /** Largest buffer on the wire. */
  public static final long MAX_BUFFER_BYTES = 1 << 24;

  private static void require(Object v, String key) {
    if (v == null) {
      throw new IllegalArgumentException("'" + key + "' is required");
    }
  }

  /**
   * The preamble bytes (docs/formats.md, decision 17). A hex string keeps every digit as written
   * ({@code "0x00ABCDEF"} is 4 bytes); a YAML integer is taken as whole 32-bit words ({@code
   * 0x12345678} is {@code 12 34 56 78}).
   */
  public byte[] preambleBytes() {
    return preambleBytes(preamble);
  }

  static byte[] preambleBytes(JsonNode node) {
    if (node.isIntegralNumber()) {
      long v = node.asLong();
      if (v <= 0) {
        throw new IllegalArgumentException("preamble must be positive, got " + v);
      }
      int bytes = 4 * ((64 - Long.numberOfLeadingZeros(v) + 31) / 32);
      byte[] out = new byte[bytes];
      for (int i = 0; i < bytes; i++) {
        out[bytes - 1 - i] = (byte) (v >>> (8 * i));
      }
      return out;
    }
    if (node.isTextual()) {
      String t = node.asText().trim().toLowerCase(Locale.ROOT);
      if (t.startsWith("0x")) {
        t = t.substring(2);
      }
      if (t.isEmpty() || t.length() % 2 != 0) {
        throw new IllegalArgumentException(
            "preamble '" + node.asText() + "' needs an even number of hex digits");
      }
      try {
        return HexFormat.of().parseHex(t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "preamble '" + node.asText() + "' is not hexadecimal", e);
      }
    }
    throw new IllegalArgumentException("preamble must be an integer or a hex string, got " + node);
  }

  /** This config with another frame size (tests and the simulator). */
  public StreamDevConfig withFrame(int width, int height) {
    return new StreamDevConfig(
        device,
        bitstream,
        port,
        baudrate,
        width,
        height,
        fs,
        preamble,
        headerLen,
        pixDepth,
        bufferBlockLength,
        blockSize,
        numBuffers,
        reverseHeaderBits,
        reverseHeaderBytes,
        reversePayloadBits,
        reversePayloadBytes,
        dummyWords,
        adcScale,
        runtime);
  }

  /** This config with another number of dummy words. */
  public StreamDevConfig withDummyWords(int words) {
    return new StreamDevConfig(
        device,
        bitstream,
        port,
        baudrate,
        frameWidth,
        frameHeight,
        fs,
        preamble,
        headerLen,
        pixDepth,
        bufferBlockLength,
        blockSize,
        numBuffers,
        reverseHeaderBits,
        reverseHeaderBytes,
        reversePayloadBits,
        reversePayloadBytes,
        words,
        adcScale,
        runtime);
  }

  /** Header words after the preamble word(s) are dropped: {@code header_len / 32}. */
  public int headerWords() {
    return headerLen / 32;
  }

  /** Words the preamble takes at the start of the header. */
  public int preambleWords() {
    return preambleBytes().length * 8 / 32;
  }

  /** Bytes of one buffer on the wire: {@code buffer_block_length * block_size}. */
  public int bufferBytes() {
    return bufferBlockLength * blockSize;
  }

  /**
   * Pixels in a full buffer (docs/formats.md §4.7): {@code buffer_block_length * block_size -
   * header_len / 8 - 4 * dummy_words}.
   */
  public int pixelsPerBuffer() {
    return pixelsPerBufferOf(bufferBlockLength, blockSize, headerLen, dummyWords);
  }

  private static int pixelsPerBufferOf(int blocks, int blockSize, int headerLen, int dummy) {
    return blocks * blockSize - headerLen / 8 - 4 * dummy;
  }

  /**
   * Pixels carried by each buffer of a frame, with no empty trailing slot when the frame divides
   * exactly (docs/formats.md, decision 18): 7 x 5032 + 4776 for {@code wireless-200px}.
   */
  public List<Integer> bufferPixels() {
    int total = frameWidth * frameHeight;
    int per = pixelsPerBuffer();
    List<Integer> out = new ArrayList<>();
    for (int left = total; left > 0; left -= per) {
      out.add(Math.min(per, left));
    }
    return out;
  }

  /**
   * ADC scaling of the voltage fields (docs/formats.md §4.6): {@code raw / 2^bitdepth * ref_voltage
   * * divider}.
   */
  public record AdcScaling(
      Double refVoltage, Integer bitdepth, Double batteryDivFactor, Double vinDivFactor) {
    public static final AdcScaling DEFAULTS = new AdcScaling(1.1, 8, 5.0, 11.3);

    public AdcScaling {
      refVoltage = refVoltage == null ? 1.1 : refVoltage;
      bitdepth = bitdepth == null ? 8 : bitdepth;
      batteryDivFactor = batteryDivFactor == null ? 5.0 : batteryDivFactor;
      vinDivFactor = vinDivFactor == null ? 11.3 : vinDivFactor;
      if (bitdepth < 1 || bitdepth > 32) {
        throw new IllegalArgumentException("'adc_scale.bitdepth' must be 1 to 32, got " + bitdepth);
      }
      for (double v : new double[] {refVoltage, batteryDivFactor, vinDivFactor}) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("adc_scale values must be finite numbers, got " + v);
        }
      }
    }

    public double batteryVoltage(long raw) {
      return raw / Math.pow(2, bitdepth) * refVoltage * batteryDivFactor;
    }

    public double inputVoltage(long raw) {
      return raw / Math.pow(2, bitdepth) * refVoltage * vinDivFactor;
    }
  }

  /** mio's runtime block: queue sizes, put timeout, live plot settings, CSV buffering. */
  public record Runtime(
      Integer serialBufferQueueSize,
      Integer frameBufferQueueSize,
      Integer imageBufferQueueSize,
      Double queuePutTimeout,
      Plot plot,
      CsvWriter csvwriter) {
    public static final Runtime DEFAULTS = new Runtime(null, null, null, null, null, null);

    public Runtime {
      serialBufferQueueSize = serialBufferQueueSize == null ? 10 : serialBufferQueueSize;
      frameBufferQueueSize = frameBufferQueueSize == null ? 5 : frameBufferQueueSize;
      imageBufferQueueSize = imageBufferQueueSize == null ? 5 : imageBufferQueueSize;
      for (int q : new int[] {serialBufferQueueSize, frameBufferQueueSize, imageBufferQueueSize}) {
        if (q < 1 || q > 4096) {
          throw new IllegalArgumentException("runtime queue sizes must be 1 to 4096, got " + q);
        }
      }
      queuePutTimeout = queuePutTimeout == null ? 5.0 : queuePutTimeout;
      plot = plot == null ? new Plot(null, null, null) : plot;
      csvwriter = csvwriter == null ? new CsvWriter(null) : csvwriter;
    }
  }

  /** Live plot settings (kept for compatibility; Scopeio's live view is separate). */
  public record Plot(List<String> keys, Integer updateMs, Integer history) {
    public Plot {
      keys = keys == null ? List.of("timestamp", "buffer_count", "frame_buffer_count") : keys;
      updateMs = updateMs == null ? 1000 : updateMs;
      history = history == null ? 500 : history;
    }
  }

  /** CSV buffering of mio's writer. */
  public record CsvWriter(Integer buffer) {
    public CsvWriter {
      buffer = buffer == null ? 100 : buffer;
    }
  }
}
