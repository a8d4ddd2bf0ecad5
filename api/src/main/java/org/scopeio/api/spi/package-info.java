/**
 * Service provider interfaces: implement {@link org.scopeio.api.spi.DeviceProvider} to add a
 * camera, {@link org.scopeio.api.spi.WriterProvider} to add a file format, and register the class
 * in {@code META-INF/services}.
 */
package org.scopeio.api.spi;
