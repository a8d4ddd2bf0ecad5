package org.scopeio.sdcard;

import java.util.Arrays;

/** Frame offsets and buffer counts in growable primitive arrays. */
final class FrameIndex {
  private long[] starts = new long[1024];
  private long[] ends = new long[1024];
  private int[] buffers = new int[1024];
  private int size;

  void add(long start, long end, int count) {
    if (size == starts.length) {
      int n = size * 2;
      starts = Arrays.copyOf(starts, n);
      ends = Arrays.copyOf(ends, n);
      buffers = Arrays.copyOf(buffers, n);
    }
    starts[size] = start;
    ends[size] = end;
    buffers[size] = count;
    size++;
  }

  long size() {
    return size;
  }

  long start(long k) {
    return starts[(int) k];
  }

  long end(long k) {
    return ends[(int) k];
  }

  int buffers(long k) {
    return buffers[(int) k];
  }
}
