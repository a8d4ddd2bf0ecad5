/** ServiceLoader entry of the stream module. */
package org.scopeio.stream.internal;
