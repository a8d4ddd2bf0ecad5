/** The picocli commands of {@code scopeio} and their helpers; start with {@code ScopeioCommand}. */
package org.scopeio.cli.internal;
