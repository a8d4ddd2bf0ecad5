/**
 * File formats for frames: {@link org.scopeio.writers.RawWriter} (raw + JSON sidecar), {@link
 * org.scopeio.writers.CsvHeaderWriter} (buffer headers), and {@link
 * org.scopeio.writers.CompositeWriter} to write several at once.
 */
package org.scopeio.writers;
