/**
 * Config files: finding them by id or path, parsing YAML, binding to records. Start with {@link
 * org.scopeio.config.ConfigStore} and {@link org.scopeio.api.ConfigType}.
 */
package org.scopeio.config;
