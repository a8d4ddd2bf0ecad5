package org.scopeio.cli.internal;

/** The version a class's jar declares in its manifest. */
final class ModuleVersion {
  private ModuleVersion() {}

  static String of(Class<?> c) {
    Package p = c.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? VersionProvider.version() + " (classes)" : v;
  }
}
