package org.scopeio.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The decoded header of one device buffer: a value for every present field of its {@link
 * BufferHeaderFormat}, each an unsigned 32-bit number held in a {@code long}, plus the host's
 * {@link BufferRuntime} record of its arrival. Immutable and thread-safe. Built by {@link
 * BufferHeaderFormat#decode} or {@link BufferHeaderFormat#decodeUnchecked}.
 */
public final class BufferHeader {
  /** Field names shared by the SD and stream formats (docs/formats.md §2.1). */
  public static final String LINKED_LIST = "linked_list";

  public static final String FRAME_NUM = "frame_num";
  public static final String BUFFER_COUNT = "buffer_count";
  public static final String FRAME_BUFFER_COUNT = "frame_buffer_count";
  public static final String WRITE_BUFFER_COUNT = "write_buffer_count";
  public static final String DROPPED_BUFFER_COUNT = "dropped_buffer_count";
  public static final String TIMESTAMP = "timestamp";
  public static final String WRITE_TIMESTAMP = "write_timestamp";

  private final BufferHeaderFormat format;
  private final long[] values;
  private final BufferRuntime runtime;

  BufferHeader(BufferHeaderFormat format, long[] values, BufferRuntime runtime) {
    this.format = format;
    this.values = values;
    this.runtime = Objects.requireNonNull(runtime, "runtime");
  }

  public BufferHeaderFormat format() {
    return format;
  }

  /** The value of a present field. */
  public long get(String field) {
    int p = format.position(field);
    if (p < 0) {
      throw new IllegalArgumentException(
          "buffer header format '"
              + format.id()
              + "' has no field '"
              + field
              + "'; its fields are "
              + format.fields());
    }
    if (format.indexAt(p) == BufferHeaderFormat.ABSENT) {
      throw new NoSuchElementException(
          "field '" + field + "' is optional and absent in format '" + format.id() + "'");
    }
    return values[p];
  }

  /** The value of {@code field}, empty if the field is absent or not declared. */
  public OptionalLong find(String field) {
    int p = format.position(field);
    if (p < 0 || format.indexAt(p) == BufferHeaderFormat.ABSENT) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(values[p]);
  }

  public long frameNum() {
    return get(FRAME_NUM);
  }

  public long frameBufferCount() {
    return get(FRAME_BUFFER_COUNT);
  }

  public long timestamp() {
    return get(TIMESTAMP);
  }

  public BufferRuntime runtime() {
    return runtime;
  }

  /** This header with the host's record of its arrival. */
  public BufferHeader withRuntime(BufferRuntime runtime) {
    return new BufferHeader(format, values, runtime);
  }

  /** Present fields and their values, in word-index order. */
  public Map<String, Long> asMap() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String f : format.fieldsByIndex()) {
      m.put(f, get(f));
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BufferHeader h
        && h.format.equals(format)
        && Arrays.equals(h.values, values)
        && h.runtime.equals(runtime);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values) * 31 + runtime.hashCode();
  }

  @Override
  public String toString() {
    return "BufferHeader" + asMap();
  }
}
