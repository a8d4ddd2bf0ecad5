/**
 * File formats for frames: {@link org.scopeio.writers.OmeTiffWriter} (BigTIFF OME-TIFF with a
 * per-frame metadata sidecar), {@link org.scopeio.writers.AviWriter} (uncompressed gray AVI),
 * {@link org.scopeio.writers.RawWriter} (raw + JSON sidecar), {@link
 * org.scopeio.writers.CsvHeaderWriter} (buffer headers), and {@link
 * org.scopeio.writers.CompositeWriter} to write several at once. Every writer hands each frame to
 * the operating system before {@code write} returns and lists lost frames ({@code gap}); {@link
 * org.scopeio.writers.SyncPolicy} says whether it also forces each frame to the disk.
 *
 * <p>Raw video files of any layout are read back by {@link org.scopeio.raw.RawVideoReader} ({@link
 * org.scopeio.raw.VideoStructure}, {@link org.scopeio.raw.RawDtype}) and played as a camera by the
 * {@code raw} device ({@link org.scopeio.raw.RawVideoDevice}).
 */
package org.scopeio.writers;
