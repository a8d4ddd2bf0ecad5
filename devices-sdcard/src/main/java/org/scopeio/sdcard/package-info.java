/**
 * Wire-free miniscope SD cards, their images and card readers (docs/formats.md §3). Start with
 * {@link org.scopeio.sdcard.SdCard} (reader, index, random access, truncation) and {@link
 * org.scopeio.sdcard.SdCardDevice} (the {@code sdcard} device).
 */
package org.scopeio.sdcard;
