package org.scopeio.cli.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.WriterOptions;
import org.scopeio.core.EnumIds;
import org.scopeio.core.OutputFiles;
import org.scopeio.writers.SyncPolicy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --out}, {@code --format}, {@code --force} and {@code -W}: where and how the writing
 * commands write; with {@code --live}, which every writing command offers.
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
      defaultValue = "ome-tiff,csv",
      paramLabel = "FMT[,FMT...]",
      description = "Output formats (see 'scopeio formats'). Default: ${DEFAULT-VALUE}.")
  List<String> formats;

  @Option(names = "--force", description = "Overwrite existing output files.")
  boolean force;

  @Option(
      names = {"-W", "--writer-option"},
      paramLabel = "KEY=VALUE",
      description =
          "A writer setting: sync=frame|close|none for every writer (frame: force every frame to"
              + " the disk, the default of recordings; close: force the files once when complete,"
              + " the default of conversions; none: force nothing, not even at close), or"
              + " FORMAT.KEY=VALUE for one"
              + " format (e.g. avi.frames-per-file=1000); see 'scopeio formats'.")
  Map<String, String> settings = new LinkedHashMap<>();

  @picocli.CommandLine.Mixin LiveOption live = new LiveOption();

  /** The command these options belong to, whose command line the outputs record. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** Files read by other conversions of the same command, which no writer may touch either. */
  private Set<Path> otherInputs = Set.of();

  /**
   * The writer options: overwrite policy and settings. Every setting must be shared ({@code sync})
   * or belong to one of the chosen formats.
   *
   * @throws IllegalArgumentException naming a setting no chosen writer reads
   */
  WriterOptions writerOptions() {
    OutputFiles.requireStem(out);
    for (String key : settings.keySet()) {
      int dot = key.indexOf('.');
      if (dot < 0) {
        if (!key.equals(SyncPolicy.SETTING)) {
          throw new IllegalArgumentException(
              "unknown writer option '"
                  + key
                  + "'; shared options: sync; others are written FORMAT.KEY");
        }
        EnumIds.parse(SyncPolicy.class, settings.get(key), "-W sync value");
      } else if (formats.stream().map(String::trim).noneMatch(key.substring(0, dot)::equals)) {
        throw new IllegalArgumentException(
            "writer option '"
                + key
                + "' is for format "
                + key.substring(0, dot)
                + ", which --format "
                + String.join(",", formats)
                + " does not include");
      }
    }
    return new WriterOptions(overwrite(), settings, otherInputs, commandLine());
  }

  /** {@code scopeio} and the arguments it was given, as every output records them. */
  private List<String> commandLine() {
    java.util.ArrayList<String> line = new java.util.ArrayList<>();
    line.add("scopeio");
    if (command != null && command.root().commandLine().getParseResult() != null) {
      line.addAll(command.root().commandLine().getParseResult().originalArgs());
    }
    return line;
  }

  /**
   * These options for one input of several ({@link InputBatch}): written to {@code stem}, and never
   * over any of {@code inputs}.
   */
  OutputOptions forInput(Path stem, Set<Path> inputs) {
    OutputOptions o = new OutputOptions();
    o.out = stem;
    o.formats = formats;
    o.force = force;
    o.settings = new LinkedHashMap<>(settings);
    o.live = live;
    o.otherInputs = Set.copyOf(inputs);
    o.command = command;
    return o;
  }

  /**
   * For commands that convert a file, which stays where it is: force the files once, when they are
   * complete ({@code sync=close}), unless the user chose otherwise ({@code sync=none} forces
   * nothing at all: the conversion can be re-run from its input). Recordings keep {@code
   * sync=frame}, since their source is gone once read.
   */
  OutputOptions fromFile() {
    settings.putIfAbsent(SyncPolicy.SETTING, EnumIds.id(SyncPolicy.CLOSE));
    return this;
  }

  OverwritePolicy overwrite() {
    return force ? OverwritePolicy.OVERWRITE : OverwritePolicy.FAIL_IF_EXISTS;
  }
}
