package org.scopeio.sdcard;

/**
 * The config sector: the settings the scope actually recorded with (docs/formats.md §3.4).
 *
 * @param width pixel columns
 * @param height pixel rows
 * @param fs frame rate in frames per second
 * @param bufferSize bytes of a full buffer, header included
 * @param buffersRecorded buffers written to the card
 * @param buffersDropped buffers the scope could not write
 */
public record SdRecordingConfig(
    long width, long height, long fs, long bufferSize, long buffersRecorded, long buffersDropped) {}
