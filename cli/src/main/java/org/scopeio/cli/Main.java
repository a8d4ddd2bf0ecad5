package org.scopeio.cli;

import com.google.inject.Module;
import java.io.PrintWriter;
import org.scopeio.cli.internal.GuiceFactory;
import org.scopeio.cli.internal.ScopeioCommand;
import picocli.CommandLine;

/**
 * Entry point of the {@code scopeio} command. Exit codes: 0 success, 1 runtime failure (the message
 * names the cause; {@code --verbose} adds the stack trace), 2 usage error.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new ScopeioModule()));
  }

  /** Runs the command with standard streams; returns the exit code. */
  public static int run(String[] args, Module module) {
    return run(args, module, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }

  /** Runs the command with the given bindings and streams; returns the exit code. */
  public static int run(String[] args, Module module, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(ScopeioCommand.class, new GuiceFactory(module));
    ScopeioCommand.addCommands(cl, args);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
          Throwable cause = e;
          commandLine.getErr().println("scopeio: " + describe(cause));
          if (verbose) {
            cause.printStackTrace(commandLine.getErr());
          }
          commandLine.getErr().flush();
          return 1;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static String describe(Throwable e) {
    if (e instanceof org.scopeio.api.ScopeioException) {
      return e.getMessage();
    }
    if (e instanceof InterruptedException) {
      return "interrupted";
    }
    if (e instanceof IllegalArgumentException && e.getMessage() != null) {
      return e.getMessage();
    }
    return "internal error: " + e + " (run with --verbose for details)";
  }
}
