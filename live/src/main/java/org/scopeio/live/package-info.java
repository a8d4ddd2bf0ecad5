/**
 * The live view: {@link org.scopeio.live.LiveView} serves a local web page with the newest frame,
 * its histogram, telemetry plots and status badges while a recording runs.
 */
package org.scopeio.live;
