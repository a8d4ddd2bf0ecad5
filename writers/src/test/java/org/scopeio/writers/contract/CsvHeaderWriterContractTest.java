package org.scopeio.writers.contract;

import org.scopeio.api.spi.WriterProvider;
import org.scopeio.testkit.WriterContractTest;
import org.scopeio.writers.internal.CsvHeaderWriterProvider;

/** The CSV writer (metadata only: no pixels to read back). */
class CsvHeaderWriterContractTest extends WriterContractTest {
  @Override
  protected WriterProvider provider() {
    return new CsvHeaderWriterProvider();
  }
}
