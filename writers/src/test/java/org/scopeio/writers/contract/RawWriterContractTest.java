package org.scopeio.writers.contract;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scopeio.api.StreamInfo;
import org.scopeio.api.spi.WriterProvider;
import org.scopeio.simulator.contract.WriterContractTest;
import org.scopeio.writers.RawVideoReader;
import org.scopeio.writers.VideoSamples;
import org.scopeio.writers.internal.RawWriterProvider;

/** The raw writer, read back by the raw video reader. */
class RawWriterContractTest extends WriterContractTest {
  @Override
  protected WriterProvider provider() {
    return new RawWriterProvider();
  }

  @Override
  protected List<int[]> readBack(Path stem, StreamInfo info) {
    try (RawVideoReader r = RawVideoReader.open(Path.of(stem + ".raw"))) {
      VideoSamples s = r.series(0, r.numSamples());
      List<int[]> out = new ArrayList<>();
      for (int t = 0; t < s.frames(); t++) {
        int[] px = new int[s.rows() * s.columns()];
        for (int i = 0; i < px.length; i++) {
          px[i] = (int) s.get(t, i / s.columns(), i % s.columns(), 0);
        }
        out.add(px);
      }
      return out;
    }
  }
}
