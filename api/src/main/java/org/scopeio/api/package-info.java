/**
 * Scopeio's core types: {@link org.scopeio.api.Device} (read its Javadoc first: it draws the data
 * flow), {@link org.scopeio.api.Frame}, {@link org.scopeio.api.FrameWriter}, {@link
 * org.scopeio.api.BufferHeaderFormat}, the registries and {@link org.scopeio.core.Recording}.
 */
package org.scopeio.api;
