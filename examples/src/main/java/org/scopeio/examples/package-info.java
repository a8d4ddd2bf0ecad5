/**
 * Runnable examples of the library API, each also run as a test. Start with {@link
 * org.scopeio.examples.RecordSimulated}.
 */
package org.scopeio.examples;
