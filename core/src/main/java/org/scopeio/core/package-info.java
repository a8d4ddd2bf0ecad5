/**
 * What every device, writer and command shares, behind the {@code api} contracts: {@link
 * org.scopeio.core.Recording} (the main job: a device's frames and gaps into a writer), {@link
 * org.scopeio.core.AbstractDevice} (the one base of the devices: open/closed states, lost frames as
 * gaps), {@link org.scopeio.core.HandoffQueue} (the bounded hand-off of live devices, with its
 * overflow policy), {@link org.scopeio.core.Pacing}, and the checks of output paths ({@link
 * org.scopeio.core.OutputFiles}). Config loading is in {@code org.scopeio.config}, the formats of
 * the devices' configs in {@code org.scopeio.format}, telemetry in {@code org.scopeio.telemetry}.
 * See {@code docs/architecture.md}.
 */
package org.scopeio.core;
