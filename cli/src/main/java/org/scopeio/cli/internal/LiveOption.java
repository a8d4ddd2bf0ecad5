package org.scopeio.cli.internal;

import java.util.OptionalInt;
import java.util.Stack;
import org.scopeio.live.LiveView;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --live [PORT]}: show the recording in the browser while it runs. */
public final class LiveOption {
  @Option(
      names = "--live",
      arity = "0..1",
      parameterConsumer = PortOrNothing.class,
      paramLabel = "PORT",
      description =
          "Show the newest frame, histogram, telemetry plots and status at"
              + " http://127.0.0.1:PORT/ while recording (this computer only; default port "
              + LiveView.DEFAULT_PORT
              + ", 0 picks a free one).")
  Integer port;

  /** The port to serve the live view on, if asked for. */
  OptionalInt port() {
    return port == null ? OptionalInt.empty() : OptionalInt.of(port);
  }

  /**
   * Takes the next argument as the port only if it is a number, so that {@code --live card.img}
   * leaves the card image to the command; otherwise the default port.
   */
  static final class PortOrNothing implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec arg, CommandSpec command) {
      int port = LiveView.DEFAULT_PORT;
      if (!args.isEmpty() && args.peek().matches("[+-]?\\d+")) {
        String given = args.pop();
        long p = given.length() > 12 ? Long.MAX_VALUE : Long.parseLong(given);
        if (p < 0 || p > 65535) {
          throw new picocli.CommandLine.ParameterException(
              command.commandLine(), "--live takes a port from 0 to 65535, got " + given);
        }
        port = (int) p;
      }
      arg.setValue(port);
    }
  }
}
