/**
 * Wireless (FPGA/UART) miniscope streams: bit-level buffer splitting, header and payload decoding,
 * frame assembly and byte sources. Start with {@link org.scopeio.stream.WordOrder}.
 */
package org.scopeio.stream;
