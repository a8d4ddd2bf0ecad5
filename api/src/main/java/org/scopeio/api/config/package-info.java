/**
 * Config files: finding them by id or path, parsing YAML, binding to records. Start with {@link
 * org.scopeio.api.config.ConfigStore} and {@link org.scopeio.api.config.ConfigType}.
 */
package org.scopeio.api.config;
