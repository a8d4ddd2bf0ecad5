package org.scopeio.cli.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scopeio.cli.Main;
import org.scopeio.cli.ScopeioModule;

/**
 * The training run of the {@code ./scopeio} launcher's class-data-sharing archive: runs, in one
 * JVM, the commands users run most, each on tiny simulated inputs in a scratch folder, so that the
 * list of the classes loaded ({@code -XX:DumpLoadedClassList}), and the archive dumped from it
 * ({@code -Xshare:dump}), hold every class, lambda and method handle form those commands load. A
 * command whose classes are not in the archive loads, verifies and links them from the jar at every
 * start, and spins its lambdas again (README, Performance).
 *
 * <p>Usage: {@code java -XX:DumpLoadedClassList=scopeio.classes -cp scopeio.jar
 * org.scopeio.cli.internal.StartupTraining <scratch-folder>}. Exits 1 if a command failed (the
 * launcher then keeps no archive).
 */
public final class StartupTraining {
  private StartupTraining() {}

  /** The commands, relative to the scratch folder ({@code %s}). */
  static final List<String> COMMANDS =
      List.of(
          "--version",
          "--help",
          "simulate sdcard %s/card.img --frames 3 --width 16 --height 16 --force",
          "sdcard info %s/card.img",
          "sdcard convert %s/card.img --out %s/card --format raw,ome-tiff,avi,csv --force",
          "sdcard convert %s/card.img --out %s/card-none --format raw -W sync=none --force",
          "simulate stream %s/stream.bin --frames 3 --force",
          "stream decode %s/stream.bin --out %s/stream --format raw,ome-tiff,csv --force",
          "record --frames 3 --out %s/record --format raw,csv -O pacing=as-fast-as-possible"
              + " --force",
          "devices",
          "formats",
          "config list");

  /** The arguments of one of {@link #COMMANDS} with its files in {@code dir}. */
  static String[] argv(String command, Path dir) {
    String[] argv = command.split(" ");
    for (int i = 0; i < argv.length; i++) {
      argv[i] =
          argv[i].replace("%s", dir.toString()); // after splitting: the folder may hold spaces
    }
    return argv;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: StartupTraining <scratch-folder>");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream(), true);
    PrintWriter err = new PrintWriter(System.err, true);
    int failed = 0;
    for (String command : COMMANDS) {
      int code = Main.run(argv(command, dir), new ScopeioModule(), quiet, err);
      if (code != 0) {
        err.println("training command failed (exit " + code + "): scopeio " + command);
        failed++;
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
