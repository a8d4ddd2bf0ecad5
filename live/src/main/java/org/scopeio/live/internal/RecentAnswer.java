package org.scopeio.live.internal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The latest answer of one page, reused while it is younger than a minimum age: however many
 * browsers ask and however often, the server encodes, counts and lists at most a fixed number of
 * times per second, so the CPU it takes from the recording is bounded.
 */
public final class RecentAnswer {
  private final long minAgeNanos;
  private final AtomicReference<Entry> last = new AtomicReference<>();

  /** An answer: body and content type, plus one extra header value (or null). */
  public record Answer(byte[] body, String type, String frame, String window) {}

  private record Entry(String key, long madeNanos, Answer answer) {}

  public RecentAnswer(long minAgeMillis) {
    this.minAgeNanos = minAgeMillis * 1_000_000L;
  }

  /** The answer made for {@code key} within the minimum age, else a new one from {@code make}. */
  public Answer get(String key, Supplier<Answer> make) {
    Answer a = fresh(key);
    if (a != null) {
      return a;
    }
    synchronized (this) { // one server thread makes it; the others wait and take it
      a = fresh(key);
      if (a == null) {
        a = make.get();
        last.set(new Entry(key, System.nanoTime(), a));
      }
      return a;
    }
  }

  private Answer fresh(String key) {
    Entry e = last.get();
    return e != null && e.key().equals(key) && System.nanoTime() - e.madeNanos() < minAgeNanos
        ? e.answer()
        : null;
  }
}
