/** The example camera's ServiceLoader entry. */
package org.scopeio.examples.camera.internal;
