package org.scopeio.api;

/** A device could not be opened, read or closed; the message names the device and the cause. */
public class DeviceException extends ScopeioException {
  private static final long serialVersionUID = 1L;

  public DeviceException(String message) {
    super(message);
  }

  public DeviceException(String message, Throwable cause) {
    super(message, cause);
  }
}
