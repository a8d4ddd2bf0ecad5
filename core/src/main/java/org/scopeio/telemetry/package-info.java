/**
 * Live telemetry: {@link org.scopeio.telemetry.TelemetryBuffer}, a fixed-memory ring buffer of
 * scalar signals with multi-level statistics, and {@link org.scopeio.telemetry.FrameTelemetry},
 * which feeds it one sample per frame (frame intervals, brightness, losses, header voltages).
 */
package org.scopeio.telemetry;
