package org.scopeio.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.scopeio.api.Frame;
import org.scopeio.format.StreamDevConfig;
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

  @FuzzTest
  @Timeout(10)
  void mutatedStreamsDecodeToFramesOfTheConfiguredSize(FuzzedDataProvider data)
      throws IOException, InterruptedException {
    int width = data.consumeInt(8, 48);
    int height = data.consumeInt(8, 48);
    StreamDevConfig config =
        StreamDeviceTest.flags(
            StreamDeviceTest.W200.withFrame(width, height).withDummyWords(data.consumeInt(0, 4)),
            data.consumeBoolean(),
            data.consumeBoolean(),
            data.consumeBoolean(),
            data.consumeBoolean());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new StreamEncoder(config, StreamDeviceTest.FORMAT, 3, 3, Set.of()).write(out, (i, p) -> {});
    byte[] bytes = Mutations.mutate(out.toByteArray(), data, 16);
    int chunk = data.consumeInt(1, 8192);

    StreamDevice[] device = new StreamDevice[1];
    List<Frame> frames = StreamDeviceTest.decode(config, bytes, chunk, device);
    long previous = -1;
    for (Frame frame : frames) {
      assertThat(frame.width()).isEqualTo(width);
      assertThat(frame.height()).isEqualTo(height);
      assertThat(frame.pixels8()).hasSize(width * height);
      assertThat(frame.index()).isGreaterThan(previous);
      previous = frame.index();
    }
    device[0].close();
    StreamStats stats = device[0].stats();
    assertThat(stats.framesEmitted()).isEqualTo(frames.size());
    // a span holds one buffer, or more when it merged spans whose later buffers were recovered
    assertThat(stats.buffersKept())
        .isLessThanOrEqualTo(stats.buffersSplit() + stats.recoveredBuffers());
    assertThat(stats.recoveredBuffers()).isLessThanOrEqualTo(3 * stats.mergedSpans());
  }
}
