package org.scopeio.sdcard.internal;

import java.nio.file.Path;
import java.util.List;
import org.scopeio.api.ConfigException;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.spi.DeviceOption;
import org.scopeio.api.spi.DeviceProvider;
import org.scopeio.format.SdLayout;
import org.scopeio.sdcard.SdCardDevice;

/**
 * ServiceLoader entry of the {@code sdcard} device. Config: an SD layout (default {@code
 * wirefree-sd-layout}). Options: {@code image} (required: image file or block device), {@code
 * start} and {@code end} (frame range, end exclusive).
 */
public final class SdCardDeviceProvider implements DeviceProvider {
  @Override
  public String type() {
    return "sdcard";
  }

  @Override
  public String description() {
    return "wire-free miniscope SD card image or card reader (-O image=PATH)";
  }

  @Override
  public List<DeviceOption> options() {
    return List.of(
        new DeviceOption("image", "path", "", "the card image file or block device (required)"),
        new DeviceOption("start", "0 or more", "0", "first frame"),
        new DeviceOption("end", "more than start", "the last frame", "frame after the last"));
  }

  @Override
  public Device create(DeviceRequest request) {
    String image = request.text("image").orElse("");
    if (image.isBlank()) {
      throw new ConfigException(
          "device 'sdcard'", "image", "required: the card image or device, e.g. -O image=card.img");
    }
    String layoutId = request.findConfig().orElse(SdLayout.DEFAULT_ID);
    SdLayout layout = request.configs().load(layoutId, SdLayout.TYPE);
    long start = request.wholeNumber("start", 0, Long.MAX_VALUE - 1, 0);
    long end = request.wholeNumber("end", start + 1, Long.MAX_VALUE, -1);
    return new SdCardDevice(Path.of(image), layout, layoutId, start, end);
  }
}
