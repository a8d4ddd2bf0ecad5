package org.scopeio.sdcard.internal;

import java.nio.file.Path;
import java.util.Set;
import org.scopeio.api.ConfigException;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.format.SdLayout;
import org.scopeio.api.spi.DeviceProvider;
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
  public Device create(DeviceRequest request) {
    request.requireOnlyOptions(type(), Set.of("image", "start", "end"));
    String image = request.options().get("image");
    if (image == null || image.isBlank()) {
      throw new ConfigException(
          "device 'sdcard' options",
          "image",
          "required: the card image or device, e.g. -O image=card.img");
    }
    String layoutId = request.findConfig().orElse(SdLayout.DEFAULT_ID);
    SdLayout layout = request.configs().load(layoutId, SdLayout.TYPE);
    try {
      long start = Long.parseLong(request.options().getOrDefault("start", "0"));
      long end = Long.parseLong(request.options().getOrDefault("end", "-1"));
      return new SdCardDevice(Path.of(image), layout, layoutId, start, end);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("device 'sdcard' options", "start/end", e.getMessage(), e);
    }
  }
}
