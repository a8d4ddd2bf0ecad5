/**
 * Simulated miniscopes for demos and for testing without hardware. Start with {@link
 * org.scopeio.simulator.CalciumScene} (the synthetic movie) and {@link
 * org.scopeio.simulator.SimulatedDevice} (the {@code simulated} device).
 */
package org.scopeio.simulator;
