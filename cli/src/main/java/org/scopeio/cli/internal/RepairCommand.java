package org.scopeio.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.scopeio.api.OutputFiles;
import org.scopeio.writers.AviWriter;
import org.scopeio.writers.OmeTiffWriter;
import org.scopeio.writers.RawWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scopeio repair STEM}: completes the files of a recording that was killed. */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    description = {
      "Complete the files of a recording that was killed or lost power: the OME-TIFF's OME-XML"
          + " and the frame metadata and raw sidecars, from their journals.",
      "Pixels are never rewritten; what a reader already finds stays as it is."
    })
public final class RepairCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "STEM", description = "The output stem given to --out.")
  Path stem;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    boolean any = false;
    for (Optional<String> done :
        new Optional[] {OmeTiffWriter.repair(stem), RawWriter.repair(stem)}) {
      if (done.isPresent()) {
        out.println("repaired " + done.get());
        any = true;
      }
    }
    Path avi = OutputFiles.withSuffix(stem, AviWriter.AVI);
    if (Files.exists(avi)) {
      out.println(avi + ": readable as it is (frame count updated after every frame)");
    }
    if (!any) {
      out.println("nothing to repair for " + stem + " (no journal: the recording was closed)");
    }
    out.flush();
  }
}
