package org.scopeio.writers.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The lost frames of a recording, each run as the frame it precedes and its length. */
public final class Gaps {
  private final List<long[]> gaps = new ArrayList<>();
  private long lost;

  /** Records {@code count} frames lost before frame {@code beforeFrame} (nothing for 0). */
  public void add(long beforeFrame, long count) {
    if (count > 0) {
      gaps.add(new long[] {beforeFrame, count});
      lost += count;
    }
  }

  /** Frames lost in all. */
  public long lost() {
    return lost;
  }

  /** Writes the field {@code gaps}: {@code [{"before_frame": F, "count": N}, ...]}. */
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("gaps");
    for (long[] gap : gaps) {
      g.writeStartObject();
      g.writeNumberField("before_frame", gap[0]);
      g.writeNumberField("count", gap[1]);
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
