package org.scopeio.api;

/**
 * Root of every exception Scopeio throws on purpose. Messages are written for the person running
 * the program: they name the file, the key or the device involved and what was expected.
 */
public class ScopeioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScopeioException(String message) {
    super(message);
  }

  public ScopeioException(String message, Throwable cause) {
    super(message, cause);
  }
}
