package org.scopeio.writers.contract;

import org.scopeio.api.spi.WriterProvider;
import org.scopeio.testkit.WriterContractTest;
import org.scopeio.writers.internal.AviWriterProvider;

/** The AVI writer (read back by ffmpeg in AviWriterTest). */
class AviWriterContractTest extends WriterContractTest {
  @Override
  protected WriterProvider provider() {
    return new AviWriterProvider();
  }
}
