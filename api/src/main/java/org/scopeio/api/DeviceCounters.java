package org.scopeio.api;

/**
 * What a device has delivered and lost so far. Every frame or buffer that a device drops or finds
 * missing is counted here; nothing is lost silently.
 *
 * @param framesDelivered frames returned by {@link Device#next} (or published)
 * @param framesDropped frames dropped by an overflow policy before the caller saw them
 * @param buffersReceived buffers the device decoded
 * @param buffersDropped buffers lost before frame assembly (overflow, rejected as corrupt, or
 *     reported dropped by the device itself)
 * @param buffersMissing buffers absent from assembled frames
 */
public record DeviceCounters(
    long framesDelivered,
    long framesDropped,
    long buffersReceived,
    long buffersDropped,
    long buffersMissing) {

  public static final DeviceCounters NONE = new DeviceCounters(0, 0, 0, 0, 0);
}
