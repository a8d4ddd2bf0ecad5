/**
 * Contract tests for plugin authors: extend {@link org.scopeio.testkit.DeviceContractTest} or
 * {@link org.scopeio.testkit.WriterContractTest} with a few lines to check that a device or writer
 * keeps the promises of {@link org.scopeio.api.Device} and {@link org.scopeio.api.FrameWriter}.
 * Published as the test jar of {@code scopeio-simulator}:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>org.scopeio</groupId>
 *   <artifactId>scopeio-simulator</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 */
package org.scopeio.testkit;
