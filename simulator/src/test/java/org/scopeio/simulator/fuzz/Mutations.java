package org.scopeio.simulator.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Edits of a valid input chosen by the fuzzer: overwrite bytes, insert bytes, delete a range, and
 * cut the end. An empty fuzzer input leaves the input unchanged.
 */
public final class Mutations {
  private Mutations() {}

  /** The kinds of edit. */
  private enum Edit {
    OVERWRITE,
    INSERT,
    DELETE,
    FLIP_BIT
  }

  /**
   * A copy of {@code base} with up to {@code maxEdits} edits taken from {@code data}, then, if
   * {@code data} says so, cut to a shorter length.
   */
  public static byte[] mutate(byte[] base, FuzzedDataProvider data, int maxEdits) {
    byte[] out = Arrays.copyOf(base, base.length);
    int edits = data.consumeInt(0, maxEdits);
    for (int i = 0; i < edits && data.remainingBytes() > 2; i++) {
      Edit edit = data.pickValue(Edit.values());
      int at = out.length == 0 ? 0 : data.consumeInt(0, out.length - 1);
      switch (edit) {
        case OVERWRITE -> {
          byte[] with = data.consumeBytes(data.consumeInt(1, 8));
          for (int k = 0; k < with.length && at + k < out.length; k++) {
            out[at + k] = with[k];
          }
        }
        case INSERT -> {
          byte[] with = data.consumeBytes(data.consumeInt(1, 32));
          ByteArrayOutputStream b = new ByteArrayOutputStream(out.length + with.length);
          b.write(out, 0, at);
          b.write(with, 0, with.length);
          b.write(out, at, out.length - at);
          out = b.toByteArray();
        }
        case DELETE -> {
          int n = data.consumeInt(1, Math.max(1, Math.min(64, out.length - at)));
          byte[] shorter = new byte[Math.max(0, out.length - n)];
          System.arraycopy(out, 0, shorter, 0, Math.min(at, shorter.length));
          if (at + n < out.length) {
            System.arraycopy(out, at + n, shorter, at, out.length - at - n);
          }
          out = shorter;
        }
        case FLIP_BIT -> {
          if (out.length > 0) {
            out[at] ^= (byte) (1 << data.consumeInt(0, 7));
          }
        }
      }
    }
    if (data.remainingBytes() > 0 && data.consumeBoolean() && out.length > 0) {
      out = Arrays.copyOf(out, data.consumeInt(0, out.length - 1));
    }
    return out;
  }
}
