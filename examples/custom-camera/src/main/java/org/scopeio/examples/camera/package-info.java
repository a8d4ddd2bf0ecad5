/**
 * Example plugin: the {@code packed10} camera, a 10-bit sensor whose pixels arrive packed four in
 * five bytes (MIPI RAW10). Everything a camera plugin needs is here: a config record with its own
 * YAML model ({@link org.scopeio.examples.camera.Packed10Config}), the {@link
 * org.scopeio.api.Device} ({@link org.scopeio.examples.camera.Packed10Camera}), the unpacking
 * ({@link org.scopeio.examples.camera.Raw10}), and a {@link org.scopeio.api.spi.DeviceProvider}
 * listed in {@code META-INF/services}.
 */
package org.scopeio.examples.camera;
