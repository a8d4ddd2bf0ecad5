package org.scopeio.config;

/**
 * The three keys that head every config file (docs/formats.md §1.1). Scopeio writes {@code id},
 * {@code model}, {@code version}; mio writes {@code id}, {@code mio_model}, {@code mio_version};
 * both are read.
 *
 * @param id the config's id (letters, digits, {@code _ - / #})
 * @param model the model name, or {@code null} if the file names none
 * @param version the version of the program that wrote the file, or {@code null}
 * @param mioStyle whether the file uses mio's key names
 */
public record ConfigHeader(String id, String model, String version, boolean mioStyle) {}
