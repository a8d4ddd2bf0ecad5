package org.scopeio.api;

/**
 * What a device delivers at one point of its timeline: a {@link Frame}, or a {@link Gap} where
 * frames were lost. {@link Device#next}, {@link Device#publisher()} and a recording's writers see
 * the same sequence, in the order it happened.
 */
public sealed interface FrameOrGap permits Frame, Gap {}
