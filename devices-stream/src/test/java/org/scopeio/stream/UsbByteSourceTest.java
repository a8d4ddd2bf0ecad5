package org.scopeio.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scopeio.api.ConfigException;

class UsbByteSourceTest {

  /**
   * A fake endpoint: each submitted buffer is filled from a script of (bytes, status) in submission
   * order.
   */
  static final class FakeTransport implements UsbTransport {
    final Deque<Object[]> script = new ArrayDeque<>();
    final Deque<ByteBuffer> submitted = new ArrayDeque<>();
    int submissions;
    int maxInFlight;
    boolean closed;

    FakeTransport then(byte[] data, Status status) {
      script.add(new Object[] {data, status});
      return this;
    }

    @Override
    public void submit(ByteBuffer buffer) {
      submitted.add(buffer);
      submissions++;
      maxInFlight = Math.max(maxInFlight, submitted.size());
    }

    @Override
    public Completion await(long timeoutMillis) {
      if (script.isEmpty() || submitted.isEmpty()) {
        return null;
      }
      Object[] next = script.poll();
      ByteBuffer b = submitted.poll();
      byte[] data = (byte[]) next[0];
      assertThat(data.length).isLessThanOrEqualTo(b.capacity());
      b.put(0, data);
      return new Completion(b, data.length, (Status) next[1], "LIBUSB_ERROR_PIPE");
    }

    @Override
    public String describe() {
      return "usb:fake";
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static byte[] bytes(int from, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  static List<Byte> drain(UsbByteSource s, int reads, int bufferSize) throws IOException {
    List<Byte> out = new ArrayList<>();
    byte[] buf = new byte[bufferSize];
    for (int i = 0; i < reads; i++) {
      int n = s.read(buf);
      if (n < 0) {
        break;
      }
      for (int k = 0; k < n; k++) {
        out.add(buf[k]);
      }
    }
    return out;
  }

  @Test
  void keepsTransfersInFlightAndPassesOnlyTheBytesReceived() throws Exception {
    FakeTransport t =
        new FakeTransport()
            .then(bytes(0, 16), UsbTransport.Status.COMPLETED)
            .then(bytes(16, 5), UsbTransport.Status.COMPLETED) // a short transfer
            .then(bytes(21, 3), UsbTransport.Status.TIMED_OUT) // timed out with some bytes
            .then(bytes(24, 16), UsbTransport.Status.COMPLETED);
    UsbByteSource s = new UsbByteSource(t, 16, 4);
    List<Byte> got = drain(s, 10, 64);
    assertThat(got).hasSize(40);
    for (int i = 0; i < 40; i++) {
      assertThat(got.get(i)).isEqualTo((byte) i);
    }
    assertThat(t.maxInFlight).isEqualTo(4);
    assertThat(t.submitted).hasSize(4); // every finished transfer was resubmitted
    assertThat(t.submissions).isEqualTo(8);
  }

  @Test
  void aSmallReadBufferTakesATransferInPieces() throws Exception {
    FakeTransport t = new FakeTransport().then(bytes(0, 16), UsbTransport.Status.COMPLETED);
    UsbByteSource s = new UsbByteSource(t, 16, 2);
    byte[] small = new byte[5];
    assertThat(s.read(small)).isEqualTo(5);
    assertThat(s.read(small)).isEqualTo(5);
    assertThat(s.read(small)).isEqualTo(5);
    assertThat(small[0]).isEqualTo((byte) 10);
    assertThat(t.submissions).isEqualTo(2); // the transfer is still being taken
    assertThat(s.read(small)).isEqualTo(1);
    assertThat(small[0]).isEqualTo((byte) 15);
    assertThat(t.submissions).isEqualTo(3);
  }

  @Test
  void failuresNameTheDeviceAndCloseStopsReading() throws Exception {
    FakeTransport gone = new FakeTransport().then(new byte[0], UsbTransport.Status.NO_DEVICE);
    UsbByteSource s = new UsbByteSource(gone, 16, 2);
    assertThatThrownBy(() -> s.read(new byte[16]))
        .isInstanceOf(IOException.class)
        .hasMessage("usb:fake: the device was disconnected");
    FakeTransport stall = new FakeTransport().then(new byte[0], UsbTransport.Status.ERROR);
    assertThatThrownBy(() -> new UsbByteSource(stall, 16, 2).read(new byte[16]))
        .hasMessage("usb:fake: USB transfer failed: LIBUSB_ERROR_PIPE");
    FakeTransport idle = new FakeTransport();
    UsbByteSource quiet = new UsbByteSource(idle, 16, 2);
    assertThat(quiet.read(new byte[16])).isZero(); // nothing yet: not the end
    quiet.close();
    assertThat(idle.closed).isTrue();
    assertThat(quiet.read(new byte[16])).isEqualTo(-1);
  }

  @Test
  void usbSourcesParseHexIdsAndAnInEndpoint() {
    assertThat(StreamSource.parse("usb:04b4:00F1").usbIds()).containsExactly(0x04b4, 0x00f1, 0x81);
    assertThat(StreamSource.parse("usb:0x151f:0x0020:0x82").usbIds())
        .containsExactly(0x151f, 0x20, 0x82);
    assertThatThrownBy(() -> StreamSource.parse("usb:04b4:00f1:02"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("an IN endpoint (0x81-0xff)");
    assertThatThrownBy(() -> StreamSource.parse("usb:zz"))
        .hasMessageContaining("expected usb:VID:PID[:ENDPOINT] in hex");
  }

  /**
   * Reads 1 MiB from a real device: SCOPEIO_USB=VID:PID[:EP] selects it. Run with {@code mvn verify
   * -DexcludedGroups= -Dgroups=hardware}.
   */
  @Test
  @Tag("hardware")
  void readsFromARealDevice() throws Exception {
    String ids = System.getenv("SCOPEIO_USB");
    org.junit.jupiter.api.Assumptions.assumeTrue(ids != null, "set SCOPEIO_USB=VID:PID[:EP]");
    int[] id = StreamSource.parse("usb:" + ids).usbIds();
    try (UsbByteSource s =
        new UsbByteSource(
            new org.scopeio.stream.internal.Usb4JavaTransport(id[0], id[1], null, 0, id[2]),
            16384,
            8)) {
      long total = 0;
      byte[] buf = new byte[65536];
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (total < (1 << 20) && System.nanoTime() < deadline) {
        int n = s.read(buf);
        if (n < 0) {
          break;
        }
        total += n;
      }
      assertThat(total).isGreaterThanOrEqualTo(1 << 20);
    }
  }
}
