/** Plumbing of the writers: ServiceLoader entries and shared file helpers. */
package org.scopeio.writers.internal;
