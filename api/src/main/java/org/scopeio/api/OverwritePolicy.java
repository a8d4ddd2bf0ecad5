package org.scopeio.api;

/** Whether a writer may replace files that already exist. */
public enum OverwritePolicy {
  /** Refuse to start if any output file exists (the default). */
  FAIL_IF_EXISTS,
  /** Replace existing output files. */
  OVERWRITE
}
