/**
 * Data descriptions of device formats, shared by the modules that read them and the simulator that
 * writes them. Start with {@link org.scopeio.format.SdLayout}.
 */
package org.scopeio.format;
