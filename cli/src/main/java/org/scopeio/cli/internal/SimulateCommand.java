package org.scopeio.cli.internal;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scopeio.api.OverwritePolicy;
import org.scopeio.api.PixelType;
import org.scopeio.api.WriteException;
import org.scopeio.config.ConfigStore;
import org.scopeio.core.OutputFiles;
import org.scopeio.format.SdLayout;
import org.scopeio.format.StreamDevConfig;
import org.scopeio.simulator.SceneConfig;
import org.scopeio.simulator.SdImageEncoder;
import org.scopeio.simulator.StreamEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scopeio simulate sdcard}: write simulated device data. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Write simulated device data (SD card images) for tests and demos.",
    subcommands = {SimulateCommand.Sdcard.class, SimulateCommand.Stream.class})
public final class SimulateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing command: 'simulate sdcard' or 'simulate stream'");
  }

  /** {@code scopeio simulate sdcard}. */
  @Command(
      name = "sdcard",
      mixinStandardHelpOptions = true,
      description = "Write a byte-exact wire-free SD card image of a simulated recording.")
  public static final class Sdcard implements Runnable {
    private final Provider<ConfigStore> configs;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "<out.img>", description = "Image file to write.")
    Path output;

    @Option(
        names = "--width",
        converter = Bounded.Side.class,
        defaultValue = "304",
        description = "Columns. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(
        names = "--height",
        converter = Bounded.Side.class,
        defaultValue = "304",
        description = "Rows. Default: ${DEFAULT-VALUE}.")
    int height;

    @Option(
        names = "--frames",
        converter = Bounded.SimulatedFrames.class,
        defaultValue = "100",
        description = "Frames. Default: ${DEFAULT-VALUE}.")
    int frames;

    @Option(
        names = "--fs",
        converter = Bounded.FrameRate.class,
        defaultValue = "20",
        description = "Frames per second. Default: ${DEFAULT-VALUE}.")
    int fs;

    @Option(
        names = "--buffer-size",
        converter = Bounded.BufferSize.class,
        defaultValue = "20480",
        description = "Bytes of a full buffer, header included. Default: ${DEFAULT-VALUE}.")
    int bufferSize;

    @picocli.CommandLine.Mixin LayoutOption layoutOption;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Scene seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
        names = "--neurons",
        converter = Bounded.Neurons.class,
        defaultValue = "40",
        description = "Neurons. Default: ${DEFAULT-VALUE}.")
    int neurons;

    @Option(
        names = "--fault",
        split = ",",
        paramLabel = "FAULT",
        description =
            "Faults to inject: dropped-buffers, zeroed-tail, stale-data, truncated-final-frame,"
                + " corrupt-header, corrupt-length.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--force", description = "Overwrite <out.img> if it exists.")
    boolean force;

    @Inject
    public Sdcard(Provider<ConfigStore> configs) {
      this.configs = configs;
    }

    @Override
    public void run() {
      OutputFiles.prepare(
          output,
          force ? OverwritePolicy.OVERWRITE : OverwritePolicy.FAIL_IF_EXISTS,
          configs.get().fileOf(layoutOption.layout).stream().toList());
      Set<SdImageEncoder.Fault> f = new java.util.HashSet<>();
      for (String s : faults) {
        f.add(SdImageEncoder.Fault.fromId(s));
      }
      SdLayout l = configs.get().load(layoutOption.layout, SdLayout.TYPE);
      SceneConfig scene =
          new SceneConfig(width, height, PixelType.UINT8, fs, seed, neurons, 60, 2, 1, 0.5);
      SdImageEncoder.Result r;
      try {
        r = new SdImageEncoder(l, scene, frames, bufferSize, f).write(output, null);
      } catch (java.io.IOException e) {
        throw new WriteException(output, WriteException.NO_FRAME, "cannot write", e);
      }
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "Wrote %s: %d frames of %dx%d (%s), %d buffers, %d dropped, %d bytes%s%n",
              output,
              r.frames(),
              width,
              height,
              layoutOption.layout,
              r.buffersWritten(),
              r.buffersDropped(),
              r.bytes(),
              f.isEmpty() ? "" : ", faults " + faults)
          .flush();
    }
  }

  /** {@code scopeio simulate stream}. */
  @Command(
      name = "stream",
      mixinStandardHelpOptions = true,
      description =
          "Write the raw bytes of a simulated wireless stream, as a capture would hold them.")
  public static final class Stream implements Runnable {
    private final Provider<ConfigStore> configs;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "<out.bin>", description = "Raw capture file to write.")
    Path output;

    @Option(
        names = "--config",
        defaultValue = "wireless-200px",
        paramLabel = "<id|path>",
        description = "Stream device config. Default: ${DEFAULT-VALUE}.")
    String config;

    @Option(
        names = "--frames",
        converter = Bounded.SimulatedFrames.class,
        defaultValue = "100",
        description = "Frames. Default: ${DEFAULT-VALUE}.")
    int frames;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Scene seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
        names = "--header-format",
        defaultValue = "stream-buffer-header",
        paramLabel = "<id|path>",
        description = "Buffer header format. Default: ${DEFAULT-VALUE}.")
    String headerFormat;

    @Option(
        names = "--fault",
        split = ",",
        paramLabel = "FAULT",
        description =
            "Faults: misaligned, dummy-slip, payload-slip, flipped-preamble, dropped-buffer,"
                + " duplicated-buffer, truncated-buffer, garbage-start, cut-mid-buffer,"
                + " late-start.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--force", description = "Overwrite <out.bin> if it exists.")
    boolean force;

    @Inject
    public Stream(Provider<ConfigStore> configs) {
      this.configs = configs;
    }

    @Override
    public void run() {
      OutputFiles.prepare(
          output,
          force ? OverwritePolicy.OVERWRITE : OverwritePolicy.FAIL_IF_EXISTS,
          java.util.stream.Stream.of(config, headerFormat)
              .flatMap(c -> configs.get().fileOf(c).stream())
              .toList());
      Set<StreamEncoder.Fault> f = new java.util.HashSet<>();
      for (String s : faults) {
        f.add(StreamEncoder.Fault.fromId(s));
      }
      StreamDevConfig c = configs.get().load(config, StreamDevConfig.TYPE);
      var format =
          configs.get().load(headerFormat, org.scopeio.config.ConfigTypes.BUFFER_HEADER_FORMAT);
      StreamEncoder.Result r;
      try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
        r = new StreamEncoder(c, format, seed, frames, f).write(out, null);
      } catch (java.io.IOException e) {
        throw new WriteException(output, WriteException.NO_FRAME, "cannot write", e);
      }
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "Wrote %s: %d frames of %dx%d (%s), %d buffers, %d bytes%s%n",
              output,
              r.frames(),
              c.frameWidth(),
              c.frameHeight(),
              config,
              r.buffers(),
              (r.bits() + 7) / 8,
              f.isEmpty() ? "" : ", faults " + faults)
          .flush();
    }
  }
}
