/**
 * Wireless (FPGA/UART) miniscope streams. Start with {@link org.scopeio.stream.StreamDevice}, the
 * {@code stream} device: bytes from a {@link org.scopeio.stream.ByteSource} (a capture file, a
 * serial port, USB) go through {@link org.scopeio.stream.BufferSplitter} (preambles, spans), {@link
 * org.scopeio.stream.StreamDecoder} (header and pixels of each buffer) and {@link
 * org.scopeio.stream.FrameAssembler} (buffers into frames). The byte and bit order rules are in
 * {@link org.scopeio.stream.WordOrder}; the wire format is in {@code docs/formats.md}.
 */
package org.scopeio.stream;
