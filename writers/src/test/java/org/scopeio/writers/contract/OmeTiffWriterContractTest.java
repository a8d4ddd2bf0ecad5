package org.scopeio.writers.contract;

import org.scopeio.api.spi.WriterProvider;
import org.scopeio.testkit.WriterContractTest;
import org.scopeio.writers.internal.OmeTiffWriterProvider;

/** The OME-TIFF writer (read back by tifffile in OmeTiffWriterTest). */
class OmeTiffWriterContractTest extends WriterContractTest {
  @Override
  protected WriterProvider provider() {
    return new OmeTiffWriterProvider();
  }
}
