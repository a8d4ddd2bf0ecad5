/**
 * The {@code scopeio} command. Start with {@link org.scopeio.cli.Main}; the commands live in {@code
 * internal}, composed by {@link org.scopeio.cli.ScopeioModule}.
 */
package org.scopeio.cli;
