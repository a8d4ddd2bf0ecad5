package org.scopeio.cli.internal;

import java.nio.file.Path;
import java.util.List;
import org.scopeio.api.OverwritePolicy;
import picocli.CommandLine.Option;

/**
 * {@code --out}, {@code --format} and {@code --force}: where and how the writing commands write.
 */
public final class OutputOptions {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "<stem>",
      description = "Output path without extension; each format adds its own.")
  Path out;

  @Option(
      names = "--format",
      split = ",",
      defaultValue = "raw,csv",
      paramLabel = "FMT[,FMT...]",
      description = "Output formats (see 'scopeio formats'). Default: ${DEFAULT-VALUE}.")
  List<String> formats;

  @Option(names = "--force", description = "Overwrite existing output files.")
  boolean force;

  OverwritePolicy overwrite() {
    return force ? OverwritePolicy.OVERWRITE : OverwritePolicy.FAIL_IF_EXISTS;
  }
}
