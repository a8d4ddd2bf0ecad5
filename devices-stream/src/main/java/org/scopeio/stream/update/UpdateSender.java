package org.scopeio.stream.update;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.scopeio.api.DeviceException;

/**
 * Sends a plan of validated updates: each port is opened once, on its first update, kept open for
 * the whole plan and always closed at the end, also on failure. After every byte but the plan's
 * last one, the sender pauses (default 100 ms, as mio does), since the transmitter needs the time
 * to send each byte as infrared; no acknowledgement comes back.
 */
public final class UpdateSender {
  /** The pause after each byte that mio uses (docs/formats.md §5.2). */
  public static final Duration DEFAULT_PAUSE = Duration.ofMillis(100);

  private final UpdatePort.Opener opener;
  private final Duration pause;
  private final Sleeper sleeper;

  /** Waits between bytes; replaced in tests. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits {@code pause}. */
    void sleep(Duration pause) throws InterruptedException;
  }

  /**
   * @param opener opens ports by path
   * @param pause the pause after each byte
   * @param sleeper how to wait ({@code Thread::sleep} in real use)
   */
  public UpdateSender(UpdatePort.Opener opener, Duration pause, Sleeper sleeper) {
    if (pause.isNegative()) {
      throw new IllegalArgumentException("the pause must not be negative, got " + pause);
    }
    this.opener = opener;
    this.pause = pause;
    this.sleeper = sleeper;
  }

  /** A sender over real serial ports. */
  public static UpdateSender serial(Duration pause) {
    return new UpdateSender(
        SerialUpdatePort::new, pause, p -> Thread.sleep(p.toMillis(), p.toNanosPart() % 1_000_000));
  }

  /**
   * What was sent.
   *
   * @param updates updates sent
   * @param bytes bytes sent
   * @param ports ports used, in order of first use
   * @param elapsed time taken
   */
  public record Summary(int updates, int bytes, List<String> ports, Duration elapsed) {}

  /**
   * Gives every update without a port the default port: {@code defaultPort} if not null, else the
   * one transmitter found by {@code detect}.
   *
   * @throws DeviceException if a port is needed and none or several transmitters are found
   */
  public static List<PlannedUpdate> resolvePorts(
      List<PlannedUpdate> plan,
      String defaultPort,
      Supplier<List<TransmitterPorts.PortInfo>> detect) {
    String fallback = defaultPort;
    if (fallback == null && plan.stream().anyMatch(u -> u.port() == null)) {
      fallback = TransmitterPorts.select(detect.get());
    }
    String f = fallback;
    return plan.stream().map(u -> u.port() == null ? new PlannedUpdate(f, u.update()) : u).toList();
  }

  /**
   * Sends {@code plan}, whose updates all have ports, in order.
   *
   * @throws DeviceException naming the port and the update that failed; ports are closed
   */
  public Summary send(List<PlannedUpdate> plan) throws InterruptedException {
    for (PlannedUpdate u : plan) {
      if (u.port() == null) {
        throw new IllegalArgumentException("update " + u.update().describe() + " has no port");
      }
    }
    long start = System.nanoTime();
    Map<String, UpdatePort> open = new LinkedHashMap<>();
    Set<String> used = new LinkedHashSet<>();
    int bytes = 0;
    try {
      for (int i = 0; i < plan.size(); i++) {
        PlannedUpdate u = plan.get(i);
        UpdatePort port = open.computeIfAbsent(u.port(), opener::open);
        used.add(u.port());
        byte[] b = u.update().bytes();
        for (int k = 0; k < b.length; k++) {
          try {
            port.write(b[k]);
          } catch (IOException e) {
            throw new DeviceException(
                u.port()
                    + ": sending "
                    + u.update().describe()
                    + " failed after "
                    + bytes
                    + " bytes: "
                    + e.getMessage(),
                e);
          }
          bytes++;
          boolean last = i == plan.size() - 1 && k == b.length - 1;
          if (!last && !pause.isZero()) {
            sleeper.sleep(pause);
          }
        }
      }
    } finally {
      for (UpdatePort p : open.values()) {
        p.close();
      }
    }
    return new Summary(
        plan.size(), bytes, List.copyOf(used), Duration.ofNanos(System.nanoTime() - start));
  }
}
