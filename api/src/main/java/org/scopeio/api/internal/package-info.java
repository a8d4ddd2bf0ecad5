/** Plumbing of the api module; not for use outside Scopeio. Start with {@code DevicePublisher}. */
package org.scopeio.api.internal;
