package org.scopeio.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    Map<Path, Path> inputsByStem = stems(inputs, folder);
    sameForAll.run();
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new ScopeioException("cannot create the folder " + folder + ": " + e.getMessage(), e);
    }
    Set<Path> all = Set.copyOf(inputs);
    List<Path> failed = new ArrayList<>();
    int converted = 0;
    for (Map.Entry<Path, Path> e : inputsByStem.entrySet()) {
      Path input = e.getValue();
      Recording.Summary s;
      try {
        s = conversion.convert(input, output.forInput(e.getKey(), all));
      } catch (ScopeioException | IllegalArgumentException failure) {
        stderr.println("scopeio: " + input + " not converted: " + failure.getMessage());
        stderr.flush();
        failed.add(input);
        continue;
      }
      converted++;
      if (s.endReason() == Recording.EndReason.STOPPED) {
        // Ctrl+C: the JVM exits as soon as this recording's shutdown hook returns; start no other
        return 1;
      }
    }
    stderr.printf(
        Locale.ROOT, "Converted %d of %d inputs into %s", converted, inputs.size(), folder);
    if (!failed.isEmpty()) {
      stderr.print("; not converted: ");
      stderr.print(String.join(", ", failed.stream().map(Path::toString).toList()));
    }
    stderr.println();
    stderr.flush();
    return failed.isEmpty() ? 0 : 1;
  }

  /**
   * Each input's output stem in {@code folder}, its file name without the extension, mapped to the
   * input, in the order of {@code inputs}.
   *
   * @throws IllegalArgumentException if an input is given twice or two inputs share a stem
   */
  private static Map<Path, Path> stems(List<Path> inputs, Path folder) {
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
    }
    return byStem;
  }
}
