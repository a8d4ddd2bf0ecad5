/**
 * Wire-free miniscope SD cards and their images. Start with {@link org.scopeio.sdcard.SectorMath}.
 */
package org.scopeio.sdcard;
