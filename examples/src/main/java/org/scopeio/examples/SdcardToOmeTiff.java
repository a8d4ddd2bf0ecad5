package org.scopeio.examples;

import java.nio.file.Path;
import java.time.Duration;
import org.scopeio.api.WriterOptions;
import org.scopeio.config.ConfigStore;
import org.scopeio.core.Recording;
import org.scopeio.format.SdLayout;
import org.scopeio.sdcard.SdCardDevice;
import org.scopeio.writers.OmeTiffWriter;

/** The shortest program that converts a wire-free miniscope's SD card to OME-TIFF. */
public final class SdcardToOmeTiff {
  private SdcardToOmeTiff() {}

  /** {@code SdcardToOmeTiff IMAGE STEM [LAYOUT]} */
  public static void main(String[] args) throws Exception {
    convert(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? args[2] : "wirefree-sd-layout");
  }

  /** Every frame of the card {@code image} to {@code stem}.ome.tif. */
  public static Recording.Summary convert(Path image, Path stem, String layoutId)
      throws InterruptedException {
    SdLayout layout = ConfigStore.standard().load(layoutId, SdLayout.TYPE);
    try (SdCardDevice card = new SdCardDevice(image, layout, layoutId, 0, -1)) {
      card.open();
      return new Recording(
              card, new OmeTiffWriter(), Recording.Limits.none(), Duration.ofMinutes(1))
          .run(stem, WriterOptions.defaults());
    }
  }
}
