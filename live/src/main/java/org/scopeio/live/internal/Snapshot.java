package org.scopeio.live.internal;

import org.scopeio.api.DeviceCounters;
import org.scopeio.api.Frame;

/**
 * What the live view knows after a frame: the frame itself (frames are immutable, so holding it is
 * safe), the device's counters and running totals. Replaced whole after every frame, so a reader
 * always sees one consistent state without locking the recording.
 *
 * @param frame the newest frame
 * @param counters the device's counters after it
 * @param frames frames seen so far
 * @param incompleteFrames frames seen with lost data
 * @param paddedPixels pixels padded with zeros in those frames
 * @param suspectPixels pixels decoded after a bit slip inside them
 */
public record Snapshot(
    Frame frame,
    DeviceCounters counters,
    long frames,
    long incompleteFrames,
    long paddedPixels,
    long suspectPixels) {}
