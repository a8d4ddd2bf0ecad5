package org.scopeio.cli.internal;

import org.scopeio.format.SdLayout;
import picocli.CommandLine.Option;

/** The {@code --layout} option shared by the SD card commands. */
public final class LayoutOption {
  @Option(
      names = "--layout",
      defaultValue = SdLayout.DEFAULT_ID,
      paramLabel = "<id|path>",
      description =
          "SD layout: wirefree-sd-layout, wirefree-sd-layout-battery, wirefree-sd-layout-legacy"
              + " or a YAML path. Default: ${DEFAULT-VALUE}.")
  String layout;
}
