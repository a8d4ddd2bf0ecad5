package org.scopeio.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where each field of a device's buffer header sits: field name to the index of a 32-bit word in
 * the decoded header (docs/formats.md §2). A field declared with no index is optional and absent
 * from headers of this format. Immutable and thread-safe.
 *
 * <p>Formats are usually loaded as configs ({@code sd-buffer-header}, {@code stream-buffer-header},
 * or mio's YAML files unchanged) through {@link
 * org.scopeio.config.ConfigTypes#BUFFER_HEADER_FORMAT}.
 */
public final class BufferHeaderFormat {
  /** Marks an optional field that is absent in this format. */
  static final int ABSENT = -1;

  /** Most words a buffer header may have (word indices are 0 to {@code MAX_WORDS - 1}). */
  public static final int MAX_WORDS = 128;

  private final String id;
  private final List<String> fields;
  private final int[] indices;
  private final Map<String, Integer> positions;
  private final List<String> fieldsByIndex;
  private final int wordsNeeded;

  private BufferHeaderFormat(String id, Map<String, Integer> fieldToIndex) {
    this.id = Objects.requireNonNull(id, "id");
    if (fieldToIndex.isEmpty()) {
      throw new IllegalArgumentException("buffer header format '" + id + "' declares no fields");
    }
    this.fields = List.copyOf(fieldToIndex.keySet());
    this.indices = new int[fields.size()];
    this.positions = new HashMap<>();
    int max = -1;
    for (int i = 0; i < fields.size(); i++) {
      String name = fields.get(i);
      Integer index = fieldToIndex.get(name);
      if (index != null && (index < 0 || index >= MAX_WORDS)) {
        throw new IllegalArgumentException(
            "buffer header format '"
                + id
                + "': field '"
                + name
                + "' has word index "
                + index
                + "; word indices are 0 to "
                + (MAX_WORDS - 1));
      }
      indices[i] = index == null ? ABSENT : index;
      positions.put(name, i);
      max = Math.max(max, indices[i]);
    }
    this.wordsNeeded = max + 1;
    List<String> present = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      if (indices[i] != ABSENT) {
        present.add(fields.get(i));
      }
    }
    present.sort(Comparator.comparingInt(f -> indices[positions.get(f)]));
    this.fieldsByIndex = Collections.unmodifiableList(present);
  }

  /**
   * A format from field names (in declaration order) to word indices; a {@code null} index declares
   * an optional field that this format does not carry.
   *
   * @throws IllegalArgumentException if an index is outside 0 to {@link #MAX_WORDS} - 1
   */
  public static BufferHeaderFormat of(String id, Map<String, Integer> fieldToIndex) {
    return new BufferHeaderFormat(id, new LinkedHashMap<>(fieldToIndex));
  }

  public String id() {
    return id;
  }

  /** Every declared field, present or absent, in declaration order. */
  public List<String> fields() {
    return fields;
  }

  /** The present fields sorted by word index: the column order of header CSV files. */
  public List<String> fieldsByIndex() {
    return fieldsByIndex;
  }

  /** Word index of {@code field}, empty if the field is absent or not declared. */
  public OptionalInt index(String field) {
    Integer p = positions.get(field);
    return p == null || indices[p] == ABSENT ? OptionalInt.empty() : OptionalInt.of(indices[p]);
  }

  /** Whether {@code field} is declared (present or optional-absent). */
  public boolean declares(String field) {
    return positions.containsKey(field);
  }

  /**
   * Fails unless {@code fields} are all present (declared with a word index).
   *
   * @param user what needs them, for the message ("the stream decoder")
   * @throws IllegalArgumentException naming the missing fields
   */
  public void requireFields(String user, String... fields) {
    List<String> missing = new ArrayList<>();
    for (String f : fields) {
      if (index(f).isEmpty()) {
        missing.add(f);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "buffer header format '"
              + id
              + "' has no word for "
              + String.join(", ", missing)
              + ", which "
              + user
              + " needs");
    }
  }

  /** Smallest number of decoded words that holds every present field. */
  public int wordsNeeded() {
    return wordsNeeded;
  }

  /** The field to index map in declaration order, {@code null} for absent fields. */
  public Map<String, Integer> asMap() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      m.put(fields.get(i), indices[i] == ABSENT ? null : indices[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  int position(String field) {
    Integer p = positions.get(field);
    return p == null ? -1 : p;
  }

  int indexAt(int position) {
    return indices[position];
  }

  int fieldCount() {
    return indices.length;
  }

  /**
   * Decodes a header with full validation: every present field's word must be decoded and hold an
   * unsigned 32-bit value.
   *
   * @throws FormatException naming the field, its index and how many words there were
   */
  public BufferHeader decode(long[] words) {
    requireWords(words.length);
    long[] values = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      int index = indices[i];
      if (index == ABSENT) {
        continue;
      }
      long v = words[index];
      if (v < 0 || v > 0xFFFF_FFFFL) {
        throw new FormatException(
            "buffer header format '"
                + id
                + "': field '"
                + fields.get(i)
                + "' (word "
                + index
                + ") holds "
                + v
                + ", expected an unsigned 32-bit value");
      }
      values[i] = v;
    }
    return new BufferHeader(this, values, BufferRuntime.NONE);
  }

  /**
   * Decodes a header from raw words without validating values (each word is read as unsigned 32
   * bits, so no value can be out of range). This is the fast path for decoders; it still checks
   * that the words cover the format.
   *
   * @param words raw words; {@code words[offset]} is word 0 of the header
   * @param count how many words were decoded
   */
  public BufferHeader decodeUnchecked(int[] words, int offset, int count) {
    requireWords(count);
    long[] values = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      int index = indices[i];
      if (index != ABSENT) {
        values[i] = Integer.toUnsignedLong(words[offset + index]);
      }
    }
    return new BufferHeader(this, values, BufferRuntime.NONE);
  }

  private void requireWords(int available) {
    if (available < wordsNeeded) {
      for (int i = 0; i < indices.length; i++) {
        if (indices[i] >= available) {
          throw new FormatException(
              "buffer header format '"
                  + id
                  + "': field '"
                  + fields.get(i)
                  + "' is at word "
                  + indices[i]
                  + " but only "
                  + available
                  + " header words were decoded (the format needs "
                  + wordsNeeded
                  + ")");
        }
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BufferHeaderFormat f && f.id.equals(id) && f.asMap().equals(asMap());
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + asMap().hashCode();
  }

  @Override
  public String toString() {
    return "BufferHeaderFormat[" + id + " " + asMap() + "]";
  }
}
