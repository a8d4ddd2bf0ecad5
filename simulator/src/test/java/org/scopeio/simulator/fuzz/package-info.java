/**
 * Helpers for the Jazzer fuzz tests of every module: turning the fuzzer's bytes into edits of a
 * valid input from the simulator or a packaged config, so that the fuzzer starts from inputs that
 * reach deep into a decoder instead of failing at its first check.
 */
package org.scopeio.simulator.fuzz;
