/** Plumbing of the live view: request filtering, frame images, status and plot data. */
package org.scopeio.live.internal;
