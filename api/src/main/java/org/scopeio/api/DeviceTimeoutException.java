package org.scopeio.api;

import java.time.Duration;

/** No frame arrived within the timeout given to {@link Device#next(Duration)}. */
public class DeviceTimeoutException extends DeviceException {
  private static final long serialVersionUID = 1L;

  public DeviceTimeoutException(String deviceType, Duration timeout) {
    super("device '" + deviceType + "' delivered no frame within " + timeout.toMillis() + " ms");
  }
}
