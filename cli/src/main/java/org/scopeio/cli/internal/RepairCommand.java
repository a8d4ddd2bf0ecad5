package org.scopeio.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scopeio.api.ScopeioException;
import org.scopeio.core.OutputFiles;
import org.scopeio.writers.AviWriter;
import org.scopeio.writers.OmeTiffWriter;
import org.scopeio.writers.RawWriter;
import org.scopeio.writers.Repair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scopeio repair STEM}: completes the files of a recording that was killed. */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    description = {
      "Complete the files of a recording that was killed or lost power: the OME-TIFF's OME-XML,"
          + " the AVI index, and the frame metadata, AVI and raw sidecars, from their journals.",
      "Pixels are never rewritten. Exits 1, naming them, if some metadata could not be recovered."
    })
public final class RepairCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "STEM", description = "The output stem given to --out.")
  Path stem;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    OutputFiles.requireStem(stem);
    List<Optional<Repair>> results =
        List.of(OmeTiffWriter.repair(stem), RawWriter.repair(stem), AviWriter.repair(stem));
    List<String> problems = new ArrayList<>();
    boolean any = false;
    for (Optional<Repair> r : results) {
      if (r.isPresent()) {
        out.println("repaired " + r.get().done());
        problems.addAll(r.get().problems());
        any = true;
      }
    }
    out.flush();
    if (!any) {
      throw new ScopeioException(
          "nothing to repair for "
              + stem
              + ": no unfinished recording with this stem (no frame metadata or raw journal, no"
              + " incomplete AVI sidecar); give the --out of the killed recording");
    }
    if (!problems.isEmpty()) {
      throw new ScopeioException(
          "repaired what could be, but some metadata is lost:\n  " + String.join("\n  ", problems));
    }
  }
}
