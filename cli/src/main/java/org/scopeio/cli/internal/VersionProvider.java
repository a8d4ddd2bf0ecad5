package org.scopeio.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version written into the build by Maven resource filtering. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    return new String[] {"scopeio " + version(), "Java " + System.getProperty("java.version")};
  }

  /** Scopeio's version, or {@code unknown}. */
  public static String version() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/org/scopeio/cli/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
