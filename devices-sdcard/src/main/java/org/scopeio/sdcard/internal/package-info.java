/** ServiceLoader entry of the SD card module. */
package org.scopeio.sdcard.internal;
