/** ServiceLoader entries of the simulator module. */
package org.scopeio.simulator.internal;
