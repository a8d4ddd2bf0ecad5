package org.scopeio.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.WriterRegistry;
import org.scopeio.config.ConfigStore;
import org.scopeio.core.Recording;
import org.scopeio.format.SdLayout;
import org.scopeio.sdcard.SdCard;
import org.scopeio.sdcard.SdCardInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scopeio sdcard info|convert|truncate}. */
@Command(
    name = "sdcard",
    mixinStandardHelpOptions = true,
    description = "Read wire-free miniscope SD cards, their images and card readers.",
    subcommands = {
      SdcardCommand.Info.class,
      SdcardCommand.Convert.class,
      SdcardCommand.Truncate.class
    })
public final class SdcardCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(),
        "missing command: 'sdcard info', 'sdcard convert' or 'sdcard truncate'");
  }

  static SdCard open(ConfigStore store, Path image, String layoutId) {
    return SdCard.open(image, store.load(layoutId, SdLayout.TYPE), layoutId);
  }

  /** {@code scopeio sdcard info}. */
  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Settings, recording config, write keys, frame count and why the data end.")
  public static final class Info implements Runnable {
    private final Provider<ConfigStore> configs;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "<image>", description = "Card image file or block device.")
    Path image;

    @picocli.CommandLine.Mixin LayoutOption layoutOption;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Inject
    public Info(Provider<ConfigStore> configs) {
      this.configs = configs;
    }

    @Override
    public void run() {
      String layoutId = layoutOption.layout;
      SdCardInfo i = SdCard.scan(image, configs.get().load(layoutId, SdLayout.TYPE), layoutId);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", i.source());
        m.put("layout", i.layoutId());
        m.put("write_keys_valid", i.writeKeysValid());
        m.put("settings", i.settings());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("width", i.config().width());
        c.put("height", i.config().height());
        c.put("fs", i.config().fs());
        c.put("buffer_size", i.config().bufferSize());
        c.put("n_buffers_recorded", i.config().buffersRecorded());
        c.put("n_buffers_dropped", i.config().buffersDropped());
        m.put("config", c);
        m.put("frame_count", i.frameCount());
        m.put("buffers_read", i.buffersScanned());
        m.put("end_reason", i.endReason().name().toLowerCase(Locale.ROOT));
        m.put("end_offset", i.endOffset());
        m.put("end_detail", i.endDetail());
        m.put("incomplete_frame", i.incompleteFrame().orElse(null));
        m.put("frames_with_missing_data", i.framesWithMissingData());
        m.put(
            "skipped",
            i.skipped().stream()
                .map(
                    k -> {
                      // in this order, every time (Map.of iterates in no fixed order)
                      Map<String, Object> skipped = new LinkedHashMap<>();
                      skipped.put("offset", k.offset());
                      skipped.put("resumed_at", k.resumedAt());
                      skipped.put("problem", k.problem());
                      return skipped;
                    })
                .toList());
        try {
          out.println(
              new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      } else {
        out.printf(Locale.ROOT, "card          %s%n", i.source());
        out.printf(Locale.ROOT, "layout        %s%n", i.layoutId());
        out.printf(
            Locale.ROOT,
            "write keys    %s%n",
            i.writeKeysValid() ? "valid" : "INVALID (the header sector lacks the layout's keys)");
        out.printf(
            Locale.ROOT,
            "settings      %s%n",
            i.settings().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        out.printf(
            Locale.ROOT,
            "recording     %d x %d pixels at %d fps, buffers of %d bytes%n",
            i.config().width(),
            i.config().height(),
            i.config().fs(),
            i.config().bufferSize());
        out.printf(
            Locale.ROOT,
            "buffers       %d recorded, %d dropped (config sector); %d read%n",
            i.config().buffersRecorded(),
            i.config().buffersDropped(),
            i.buffersScanned());
        out.printf(Locale.ROOT, "frames        %d%n", i.frameCount());
        out.printf(
            Locale.ROOT,
            "data end      %s at byte offset %d: %s%n",
            i.endReason().describe(),
            i.endOffset(),
            i.endDetail());
        i.incompleteFrame().ifPresent(s -> out.printf(Locale.ROOT, "incomplete    %s%n", s));
        for (SdCardInfo.Skipped k : i.skipped()) {
          out.printf(
              Locale.ROOT,
              "skipped       a corrupt buffer (%s); reading resumed at byte offset %d%n",
              k.problem(),
              k.resumedAt());
        }
        out.printf(
            Locale.ROOT,
            "missing data  %d frames with fewer pixels than a full frame%n",
            i.framesWithMissingData());
      }
      out.flush();
    }
  }

  /** {@code scopeio sdcard convert}. */
  @Command(
      name = "convert",
      mixinStandardHelpOptions = true,
      description = "Write the frames of a card to the chosen formats (headers to CSV).")
  public static final class Convert implements java.util.concurrent.Callable<Integer> {
    private final Provider<DeviceRegistry> devices;
    private final Provider<ConfigStore> configs;
    private final Provider<WriterRegistry> writers;
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin OutputOptions output = new OutputOptions();

    @Parameters(
        paramLabel = "<image>",
        arity = "1..*",
        description =
            "Card image file or block device. Several are converted one after another, in one"
                + " process; --out then names a folder, where each card's files take its name"
                + " without the extension.")
    List<Path> images;

    @picocli.CommandLine.Mixin LayoutOption layoutOption;

    @Option(
        names = "--frames",
        paramLabel = "START:END",
        converter = FrameRange.Converter.class,
        description = "Frames to convert, end exclusive (e.g. 0:100, 50:).")
    FrameRange frames;

    @Inject
    public Convert(
        Provider<DeviceRegistry> devices,
        Provider<ConfigStore> configs,
        Provider<WriterRegistry> writers) {
      this.devices = devices;
      this.configs = configs;
      this.writers = writers;
    }

    @Override
    public Integer call() throws Exception {
      return InputBatch.run(
          images,
          output.fromFile(),
          spec.commandLine().getErr(),
          () -> {
            RecordingRunner.checkFormats(writers.get(), output);
            configs.get().load(layoutOption.layout, SdLayout.TYPE);
          },
          this::convert);
    }

    private Recording.Summary convert(Path image, OutputOptions out) throws InterruptedException {
      Map<String, String> o = new LinkedHashMap<>();
      o.put("image", image.toString());
      if (frames != null) {
        o.put("start", String.valueOf(frames.start()));
        if (frames.end() >= 0) {
          o.put("end", String.valueOf(frames.end()));
        }
      }
      try (Device device =
          devices
              .get()
              .create("sdcard", new DeviceRequest(layoutOption.layout, o, configs.get()))) {
        return RecordingRunner.run(
            device,
            writers.get(),
            out,
            Recording.Limits.none(),
            null,
            spec.commandLine().getOut(),
            spec.commandLine().getErr());
      }
    }
  }

  /** {@code scopeio sdcard truncate}. */
  @Command(
      name = "truncate",
      mixinStandardHelpOptions = true,
      description = "Copy the start of a card holding exactly its first N frames to a small image.")
  public static final class Truncate implements Runnable {
    private final Provider<ConfigStore> configs;
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "<image>",
        description = "Card image file or block device.")
    Path image;

    @Parameters(index = "1", paramLabel = "<out.img>", description = "The small image to write.")
    Path output;

    @Option(
        names = "--frames",
        required = true,
        converter = Bounded.KeptFrames.class,
        paramLabel = "N",
        description = "Frames to keep (0 keeps only the header and config sectors).")
    long frames;

    @picocli.CommandLine.Mixin LayoutOption layoutOption;

    @Option(names = "--force", description = "Overwrite <out.img> if it exists.")
    boolean force;

    @Inject
    public Truncate(Provider<ConfigStore> configs) {
      this.configs = configs;
    }

    @Override
    public void run() {
      PrintWriter err = spec.commandLine().getErr();
      boolean tty = System.console() != null;
      try (SdCard card = open(configs.get(), image, layoutOption.layout)) {
        if (frames < 0 || frames > card.frameCount()) {
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(),
              "--frames must be 0 to "
                  + card.frameCount()
                  + " (the frames on the card), got "
                  + frames);
        }
        long total = frames == 0 ? 0 : card.frameEnd(frames - 1);
        long[] last = {0};
        long bytes =
            card.truncate(
                output,
                frames,
                force,
                b -> {
                  if (tty && b - last[0] >= (64 << 20)) {
                    last[0] = b;
                    err.printf(Locale.ROOT, "\r%d of %d MiB", b >> 20, Math.max(1, total >> 20));
                    err.flush();
                  }
                });
        if (tty && last[0] > 0) {
          err.println();
        }
        spec.commandLine()
            .getOut()
            .printf(Locale.ROOT, "Wrote %s: %d frames, %d bytes%n", output, frames, bytes)
            .flush();
      }
    }
  }
}
