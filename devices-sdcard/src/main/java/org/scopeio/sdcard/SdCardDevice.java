package org.scopeio.sdcard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.scopeio.api.DeviceCounters;
import org.scopeio.api.DeviceInfo;
import org.scopeio.api.Frame;
import org.scopeio.api.Pace;
import org.scopeio.api.PixelType;
import org.scopeio.core.AbstractDevice;
import org.scopeio.format.SdLayout;

/**
 * The {@code sdcard} device: plays the frames of a card image or card reader in order, from frame
 * {@code start} up to (not including) {@code end}. Frames come as fast as they are asked for;
 * nothing is dropped. After the last frame, if the data ended at a corrupt header, {@link #next}
 * throws that {@link org.scopeio.api.FormatException} (naming the byte offset) once, so a
 * conversion reports it; every frame before it has been delivered.
 */
public final class SdCardDevice extends AbstractDevice {
  private final Path image;
  private final SdLayout layout;
  private final String layoutId;
  private final long start;
  private final long requestedEnd;
  private SdCard card;
  private long next;
  private long end;
  private long delivered;
  private long missing;
  private boolean corruptionReported;

  /**
   * @param start first frame to deliver
   * @param end frame after the last to deliver; {@code -1} for all
   */
  public SdCardDevice(Path image, SdLayout layout, String layoutId, long start, long end) {
    super("sdcard");
    if (start < 0 || (end >= 0 && end < start)) {
      throw new IllegalArgumentException("bad frame range " + start + ":" + end);
    }
    this.image = image;
    this.layout = layout;
    this.layoutId = layoutId;
    this.start = start;
    this.requestedEnd = end;
  }

  @Override
  public java.util.Set<Path> inputs() {
    return java.util.Set.of(image);
  }

  @Override
  protected DeviceInfo start() {
    card = SdCard.open(image, layout, layoutId);
    SdCardInfo i = card.info();
    long count = card.frameCount();
    if (start > count) {
      card.close();
      throw new IllegalArgumentException(
          image + ": the range starts at frame " + start + " but the card holds " + count);
    }
    if (requestedEnd > count) {
      card.close();
      throw new IllegalArgumentException(
          image
              + ": the range ends at frame "
              + requestedEnd
              + " (exclusive) but the card holds "
              + count
              + " frames; leave the end out to read to the last");
    }
    end = requestedEnd < 0 ? count : requestedEnd;
    next = start;
    Map<String, String> props = new LinkedHashMap<>();
    props.put("layout", layoutId);
    props.put("write_keys_valid", String.valueOf(i.writeKeysValid()));
    i.settings().forEach((k, v) -> props.put("setting." + k, String.valueOf(v)));
    props.put("buffer_size", String.valueOf(i.config().bufferSize()));
    props.put("n_buffers_recorded", String.valueOf(i.config().buffersRecorded()));
    props.put("n_buffers_dropped", String.valueOf(i.config().buffersDropped()));
    props.put("frame_count", String.valueOf(count));
    props.put("end_reason", i.endReason().name().toLowerCase(Locale.ROOT));
    return new DeviceInfo(
        type(),
        "SD card " + image + " (" + layoutId + ", " + count + " frames)",
        card.width(),
        card.height(),
        PixelType.UINT8,
        i.config().fs() > 0 ? i.config().fs() : Double.NaN,
        card.bufferFormat(),
        props,
        end - start,
        Pace.ON_DEMAND);
  }

  @Override
  public java.util.List<String> report() {
    if (card == null) {
      return java.util.List.of();
    }
    SdCardInfo i = card.info();
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add("card end: " + i.endReason().describe() + ": " + i.endDetail());
    i.incompleteFrame().ifPresent(x -> lines.add("incomplete: " + x));
    for (SdCardInfo.Skipped k : i.skipped()) {
      lines.add(
          "skipped: a corrupt buffer ("
              + k.problem()
              + "); reading resumed at byte offset "
              + k.resumedAt());
    }
    return lines;
  }

  /** The opened card (for its {@link SdCard#info()}). */
  public SdCard card() {
    if (card == null) {
      throw new IllegalStateException("sdcard device is not open");
    }
    return card;
  }

  @Override
  protected synchronized Optional<Frame> nextFrame(Duration timeout) {
    if (next >= end) {
      if (end == card.frameCount() && !corruptionReported && card.corruption().isPresent()) {
        corruptionReported = true;
        throw card.corruption().get();
      }
      return Optional.empty();
    }
    Frame f = card.readFrame(next++);
    delivered++;
    missing += f.integrity().missingBuffers();
    return Optional.of(f);
  }

  @Override
  public synchronized DeviceCounters counters() {
    long scanned = card == null ? 0 : card.info().buffersScanned();
    long dropped = card == null ? 0 : card.config().buffersDropped();
    return new DeviceCounters(delivered, 0, scanned, dropped, missing);
  }

  @Override
  protected synchronized void stop() {
    if (card != null) {
      card.close();
    }
  }
}
