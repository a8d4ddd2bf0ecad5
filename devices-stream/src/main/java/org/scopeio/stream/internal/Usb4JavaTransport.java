package org.scopeio.stream.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.scopeio.api.DeviceException;
import org.scopeio.stream.UsbTransport;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceHandle;
import org.usb4java.DeviceList;
import org.usb4java.LibUsb;
import org.usb4java.Transfer;

/**
 * {@link UsbTransport} over libusb through usb4java's asynchronous API: transfers are submitted
 * with a callback that queues their completion, and an event thread runs libusb's event loop. The
 * device is found by vendor and product id and, when given, by serial number.
 */
public final class Usb4JavaTransport implements UsbTransport {
  private final Context context = new Context();
  private final DeviceHandle handle;
  private final int iface;
  private final byte endpoint;
  private final String description;
  private final LinkedBlockingQueue<Completion> completed = new LinkedBlockingQueue<>();
  private final List<Transfer> transfers = new ArrayList<>();
  private final Thread events;
  private volatile boolean closed;

  /**
   * @param serial the device's serial number, or null for the first device with these ids
   */
  public Usb4JavaTransport(int vendorId, int productId, String serial, int iface, int endpoint) {
    this.iface = iface;
    this.endpoint = (byte) endpoint;
    this.description =
        String.format(
            Locale.ROOT, "usb:%04x:%04x endpoint 0x%02x", vendorId, productId, endpoint & 0xFF);
    check(LibUsb.init(context), "initialise libusb");
    DeviceHandle found = find(vendorId, productId, serial);
    if (found == null) {
      LibUsb.exit(context);
      throw new DeviceException(
          description
              + ": no such USB device"
              + (serial == null ? "" : " with serial number " + serial)
              + " (check the ids with lsusb and the udev permissions)");
    }
    this.handle = found;
    LibUsb.setAutoDetachKernelDriver(handle, true);
    int r = LibUsb.claimInterface(handle, iface);
    if (r != LibUsb.SUCCESS) {
      LibUsb.close(handle);
      LibUsb.exit(context);
      throw new DeviceException(
          description + ": cannot claim interface " + iface + ": " + LibUsb.strError(r));
    }
    events =
        new Thread(
            () -> {
              while (!closed) {
                LibUsb.handleEventsTimeout(context, 100_000);
              }
            },
            "scopeio-usb-events");
    events.setDaemon(true);
    events.start();
  }

  private DeviceHandle find(int vendorId, int productId, String serial) {
    DeviceList list = new DeviceList();
    int n = LibUsb.getDeviceList(context, list);
    if (n < 0) {
      throw new DeviceException(description + ": cannot list USB devices: " + LibUsb.strError(n));
    }
    try {
      for (Device d : list) {
        DeviceDescriptor desc = new DeviceDescriptor();
        if (LibUsb.getDeviceDescriptor(d, desc) != LibUsb.SUCCESS
            || (desc.idVendor() & 0xFFFF) != vendorId
            || (desc.idProduct() & 0xFFFF) != productId) {
          continue;
        }
        DeviceHandle h = new DeviceHandle();
        if (LibUsb.open(d, h) != LibUsb.SUCCESS) {
          continue;
        }
        if (serial == null || serial.equals(LibUsb.getStringDescriptor(h, desc.iSerialNumber()))) {
          return h;
        }
        LibUsb.close(h);
      }
      return null;
    } finally {
      LibUsb.freeDeviceList(list, true);
    }
  }

  private void check(int result, String what) {
    if (result != LibUsb.SUCCESS) {
      throw new DeviceException(description + ": cannot " + what + ": " + LibUsb.strError(result));
    }
  }

  @Override
  public synchronized void submit(ByteBuffer buffer) {
    if (closed) {
      return;
    }
    Transfer t = LibUsb.allocTransfer();
    LibUsb.fillBulkTransfer(
        t,
        handle,
        endpoint,
        buffer,
        transfer -> {
          completed.add(
              new Completion(
                  transfer.buffer(),
                  transfer.actualLength(),
                  status(transfer.status()),
                  LibUsb.errorName(transfer.status())));
          LibUsb.freeTransfer(transfer);
          synchronized (this) {
            transfers.remove(transfer);
          }
        },
        null,
        1000);
    check(LibUsb.submitTransfer(t), "submit a transfer");
    transfers.add(t);
  }

  private static Status status(int s) {
    if (s == LibUsb.TRANSFER_COMPLETED) {
      return Status.COMPLETED;
    }
    if (s == LibUsb.TRANSFER_TIMED_OUT) {
      return Status.TIMED_OUT;
    }
    if (s == LibUsb.TRANSFER_CANCELLED) {
      return Status.CANCELLED;
    }
    if (s == LibUsb.TRANSFER_NO_DEVICE) {
      return Status.NO_DEVICE;
    }
    return Status.ERROR;
  }

  @Override
  public Completion await(long timeoutMillis) throws InterruptedException {
    return completed.poll(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      for (Transfer t : transfers) {
        LibUsb.cancelTransfer(t);
      }
    }
    // let the event loop deliver the cancellations, then stop it
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < deadline) {
      synchronized (this) {
        if (transfers.isEmpty()) {
          break;
        }
      }
      Thread.onSpinWait();
    }
    closed = true;
    try {
      events.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    completed.add(new Completion(ByteBuffer.allocate(0), 0, Status.CANCELLED, "closed"));
    LibUsb.releaseInterface(handle, iface);
    LibUsb.close(handle);
    LibUsb.exit(context);
  }
}
