package org.scopeio.stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pseudo-terminal pair made by socat ({@code socat pty,raw,echo=0 pty,raw,echo=0}): what is
 * written to one end can be read from the other, through the kernel's real tty driver. Skips the
 * test with a message when socat is not installed (CI installs it).
 */
public final class SocatPair implements AutoCloseable {
  private static final Pattern PTY = Pattern.compile("PTY is (\\S+)");

  private final Process socat;
  private final String first;
  private final String second;

  private SocatPair(Process socat, String first, String second) {
    this.socat = socat;
    this.first = first;
    this.second = second;
  }

  static boolean socatInstalled() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "socat"))) {
        return true;
      }
    }
    return false;
  }

  /** Starts socat and waits for its two pseudo-terminals. */
  public static SocatPair start() throws IOException {
    boolean installed = socatInstalled();
    if (!installed) {
      System.err.println("SKIPPED: socat is not installed (apt-get install socat)");
    }
    assumeTrue(installed, "socat is not installed");
    Process socat =
        new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0")
            .redirectErrorStream(true)
            .start();
    List<String> ptys = new ArrayList<>();
    BufferedReader log =
        new BufferedReader(new InputStreamReader(socat.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ptys.size() < 2 && System.nanoTime() < deadline) {
      String line = log.readLine();
      if (line == null) {
        break;
      }
      Matcher m = PTY.matcher(line);
      if (m.find()) {
        ptys.add(m.group(1));
      }
    }
    if (ptys.size() < 2) {
      socat.destroy();
      throw new IOException("socat gave no pseudo-terminal pair: " + ptys);
    }
    Thread drain =
        new Thread(
            () -> {
              try {
                while (log.readLine() != null) {
                  // keep socat's log pipe empty
                }
              } catch (IOException ignored) {
                // socat ended
              }
            },
            "socat-log");
    drain.setDaemon(true);
    drain.start();
    return new SocatPair(socat, ptys.get(0), ptys.get(1));
  }

  /** One end. */
  public String first() {
    return first;
  }

  /** The other end. */
  public String second() {
    return second;
  }

  @Override
  public void close() throws InterruptedException, IOException {
    socat.destroy();
    socat.waitFor(5, TimeUnit.SECONDS);
  }
}
