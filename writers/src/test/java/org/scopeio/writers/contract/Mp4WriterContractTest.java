package org.scopeio.writers.contract;

import org.junit.jupiter.api.BeforeEach;
import org.scopeio.api.spi.WriterProvider;
import org.scopeio.testkit.WriterContractTest;
import org.scopeio.writers.RealReaders;
import org.scopeio.writers.internal.Mp4WriterProvider;

/** The MP4 writer (lossy: its frames are checked against a bound in FfmpegWriterTest). */
class Mp4WriterContractTest extends WriterContractTest {
  @BeforeEach
  void needsFfmpeg() {
    RealReaders.requireFfmpeg();
  }

  @Override
  protected WriterProvider provider() {
    return new Mp4WriterProvider();
  }
}
