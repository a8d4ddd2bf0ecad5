/**
 * Remote control of wireless miniscopes through the FTDI-based IR transmitter on a serial port
 * (docs/formats.md §5): {@link org.scopeio.stream.update.DeviceUpdate} (one validated 5-byte
 * update), {@link org.scopeio.stream.update.UpdateBatch} (mio's batch YAML), {@link
 * org.scopeio.stream.update.UpdateSender} (sends a validated plan, each port opened once) and the
 * port plumbing behind {@link org.scopeio.stream.update.UpdatePort}.
 */
package org.scopeio.stream.update;
