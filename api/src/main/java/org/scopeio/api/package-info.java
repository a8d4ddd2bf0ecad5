/**
 * The contracts a plugin author or a host application touches, and nothing else: {@link
 * org.scopeio.api.Device} (read its Javadoc first: it draws the data flow), {@link
 * org.scopeio.api.Frame} and {@link org.scopeio.api.Gap} (the two kinds of {@link
 * org.scopeio.api.FrameOrGap} a device yields), {@link org.scopeio.api.DeviceInfo}, {@link
 * org.scopeio.api.FrameWriter}, {@link org.scopeio.api.BufferHeaderFormat}, the registries, the
 * requests and the exceptions. This module depends on the JDK alone; config loading, recording,
 * queues and telemetry are in {@code scopeio-core}.
 */
package org.scopeio.api;
