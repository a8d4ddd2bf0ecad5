package org.scopeio.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.Frame;
import org.scopeio.api.config.ConfigStore;
import org.scopeio.api.config.ConfigTypes;
import org.scopeio.api.format.StreamDevConfig;
import org.scopeio.simulator.StreamEncoder;
import org.scopeio.simulator.fuzz.Mutations;

/**
 * Coverage-guided fuzzing of the stream splitter, decoder and frame assembler: a short capture from
 * the simulator with a fuzzer-chosen frame size, dummy words and bit-order flags, its bytes
 * mutated, fed in fuzzer-chosen chunks. A stream has no way to refuse bytes, so the only allowed
 * outcome is frames of the configured size with every loss counted: any exception is a finding.
 *
 * <p>The inputs under {@code src/test/resources/.../StreamFuzzTestInputs} run in every build;
 * {@code mvn -P fuzz} fuzzes (see the README).
 */
class StreamFuzzTest {
  private static final ConfigStore CONFIGS =
      new ConfigStore(null, StreamFuzzTest.class.getClassLoader());
  private static final StreamDevConfig W200 = CONFIGS.load("wireless-200px", StreamDevConfig.TYPE);
  private static final BufferHeaderFormat FORMAT =
      CONFIGS.load("stream-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT);

  @FuzzTest
  @Timeout(10)
  void mutatedStreamsDecodeToFramesOfTheConfiguredSize(FuzzedDataProvider data)
      throws IOException, InterruptedException {
    int width = data.consumeInt(8, 48);
    int height = data.consumeInt(8, 48);
    StreamDevConfig base = W200.withFrame(width, height).withDummyWords(data.consumeInt(0, 4));
    StreamDevConfig config =
        new StreamDevConfig(
            base.device(),
            base.bitstream(),
            base.port(),
            base.baudrate(),
            base.frameWidth(),
            base.frameHeight(),
            base.fs(),
            base.preamble(),
            base.headerLen(),
            base.pixDepth(),
            base.bufferBlockLength(),
            base.blockSize(),
            base.numBuffers(),
            data.consumeBoolean(),
            data.consumeBoolean(),
            data.consumeBoolean(),
            data.consumeBoolean(),
            base.dummyWords(),
            base.adcScale(),
            base.runtime());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new StreamEncoder(config, FORMAT, 3, 3, Set.of()).write(out, (i, p) -> {});
    byte[] bytes = Mutations.mutate(out.toByteArray(), data, 16);
    int chunk = data.consumeInt(1, 8192);

    StreamDevice device = new StreamDevice(config, "fuzz", FORMAT, c -> new Chunks(bytes, chunk));
    device.open();
    long frames = 0;
    long previous = -1;
    for (Optional<Frame> f = device.next(Duration.ZERO);
        f.isPresent();
        f = device.next(Duration.ZERO)) {
      Frame frame = f.get();
      assertThat(frame.width()).isEqualTo(width);
      assertThat(frame.height()).isEqualTo(height);
      assertThat(frame.pixels8()).hasSize(width * height);
      assertThat(frame.index()).isGreaterThan(previous);
      previous = frame.index();
      frames++;
    }
    device.close();
    StreamStats stats = device.stats();
    assertThat(stats.framesEmitted()).isEqualTo(frames);
    assertThat(stats.buffersKept()).isLessThanOrEqualTo(stats.buffersSplit());
  }

  /** The bytes, in reads of at most {@code chunk}. */
  private static final class Chunks implements ByteSource {
    private final byte[] bytes;
    private final int chunk;
    private int pos;

    Chunks(byte[] bytes, int chunk) {
      this.bytes = bytes;
      this.chunk = chunk;
    }

    @Override
    public String describe() {
      return "fuzzed stream";
    }

    @Override
    public int read(byte[] buffer) {
      if (pos >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(chunk, buffer.length), bytes.length - pos);
      System.arraycopy(bytes, pos, buffer, 0, n);
      pos += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
