package org.scopeio.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scopeio.api.ScopeioException;
import org.scopeio.core.Recording;

/**
 * The inputs of a converting command ({@code sdcard convert}, {@code stream decode}), converted one
 * after another in this process: an archive of cards or captures pays the JVM's start once, and
 * every input after the first runs on code that is already compiled (README, Performance).
 *
 * <p>One input is written to the {@code --out} stem, as always, and its failure is the command's.
 * With several, {@code --out} is a folder and each input's files take its file name without the
 * extension ({@code cards/a.img} to {@code <folder>/a.ome.tif}, {@code <folder>/a.csv}, ...); a
 * failed input (a damaged card, an output that exists) is reported and the next one converted, and
 * the command exits 1 if any failed. No writer may touch any of the inputs.
 */
final class InputBatch {
  /** Converts one input to the outputs given. */
  @FunctionalInterface
  interface Conversion {
    Recording.Summary convert(Path input, OutputOptions output) throws InterruptedException;
  }

  private InputBatch() {}

  /**
   * Converts each of {@code inputs}; returns the exit code.
   *
   * @param sameForAll checks what every input would fail alike (formats, writer settings, the
   *     device's configs): run once, before the first of several inputs
   */
  static int run(
      List<Path> inputs,
      OutputOptions output,
      PrintWriter stderr,
      Runnable sameForAll,
      Conversion conversion)
      throws InterruptedException {
    if (inputs.size() == 1) {
      conversion.convert(inputs.get(0), output);
      return 0;
    }
    Path folder = output.out;
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new IllegalArgumentException(
          "--out " + folder + " is a file; with several inputs it names a folder for their files");
    }
    Map<Path, Path> stems = stems(inputs, folder);
    sameForAll.run();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new ScopeioException("cannot create the folder " + folder + ": " + e.getMessage(), e);
    }
    Set<Path> all = new LinkedHashSet<>(inputs);
    List<Path> failed = new ArrayList<>();
    int converted = 0;
    for (Path input : inputs) {
      Recording.Summary s;
      try {
        s = conversion.convert(input, output.forInput(stems.get(input), all));
      } catch (ScopeioException | IllegalArgumentException e) {
        stderr.println("scopeio: " + input + " not converted: " + e.getMessage());
        stderr.flush();
        failed.add(input);
        continue;
      }
      converted++;
      if (s.endReason() == Recording.EndReason.STOPPED) {
        stderr.printf(
            "Stopped: %d of %d inputs converted, the last one in part%n", converted, inputs.size());
        stderr.flush();
        return 1;
      }
    }
    stderr.printf("Converted %d of %d inputs into %s", converted, inputs.size(), folder);
    if (!failed.isEmpty()) {
      stderr.print("; not converted: ");
      stderr.print(String.join(", ", failed.stream().map(Path::toString).toList()));
    }
    stderr.println();
    stderr.flush();
    return failed.isEmpty() ? 0 : 1;
  }

  /**
   * Each input's output stem in {@code folder}: its file name without the extension.
   *
   * @throws IllegalArgumentException if an input is given twice or two inputs share a stem
   */
  static Map<Path, Path> stems(List<Path> inputs, Path folder) {
    Map<Path, Path> stems = new LinkedHashMap<>();
    Map<Path, Path> byStem = new LinkedHashMap<>();
    for (Path input : inputs) {
      Path name = input.getFileName();
      if (name == null) {
        throw new IllegalArgumentException("input '" + input + "' has no file name");
      }
      String n = name.toString();
      int dot = n.lastIndexOf('.');
      Path stem = folder.resolve(dot > 0 ? n.substring(0, dot) : n);
      Path other = byStem.putIfAbsent(stem, input);
      if (other != null) {
        throw new IllegalArgumentException(
            other.equals(input)
                ? "input " + input + " is given twice"
                : "inputs "
                    + other
                    + " and "
                    + input
                    + " would both be written to "
                    + stem
                    + "; convert them into different folders");
      }
      stems.put(input, stem);
    }
    return stems;
  }
}
