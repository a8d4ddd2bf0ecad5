package org.scopeio.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.scopeio.api.Device;
import org.scopeio.api.DeviceRegistry;
import org.scopeio.api.DeviceRequest;
import org.scopeio.api.WriterOptions;
import org.scopeio.api.WriterRegistry;
import org.scopeio.config.ConfigStore;
import org.scopeio.core.Recording;
import org.scopeio.writers.CompositeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding example composed with Guice. The module binds what lives as long as the application
 * (the config store and the two registries, which only know providers); it binds no open device or
 * writer: those are made, opened and closed by each acquisition.
 */
public final class GuiceExample {
  private static final Logger LOG = LoggerFactory.getLogger(GuiceExample.class);

  private GuiceExample() {}

  public static void main(String[] args) throws Exception {
    // Guice 7.0.0 generates classes for @Provides methods and @Inject constructors through
    // sun.misc.Unsafe, which JDK 24 and later warn about on standard error (google/guice#1909);
    // reflection serves an application's few bindings as well. Set it before Guice's first use.
    if (System.getProperty("guice_bytecode_gen_option") == null) {
      System.setProperty("guice_bytecode_gen_option", "DISABLED");
    }
    Acquisition a = Guice.createInjector(new ScopeModule(null)).getInstance(Acquisition.class);
    Recording.Summary s = a.record(Path.of(args.length > 0 ? args[0] : "demo/guice"), 100);
    LOG.info("{} frames written to {}", s.framesWritten(), s.files());
  }

  /** Binds configs and registries; {@code configDir} overrides the user config directory. */
  public static final class ScopeModule extends AbstractModule {
    private final Path configDir;

    public ScopeModule(Path configDir) {
      this.configDir = configDir;
    }

    @Provides
    @Singleton
    ConfigStore configs() {
      return configDir == null
          ? ConfigStore.standard()
          : new ConfigStore(configDir, GuiceExample.class.getClassLoader());
    }

    @Provides
    @Singleton
    DeviceRegistry devices() {
      return DeviceRegistry.load();
    }

    @Provides
    @Singleton
    WriterRegistry writers() {
      return WriterRegistry.load();
    }
  }

  /** One recording at a time, from injected registries. */
  public static final class Acquisition {
    private final ConfigStore configs;
    private final DeviceRegistry devices;
    private final WriterRegistry writers;

    @Inject
    public Acquisition(ConfigStore configs, DeviceRegistry devices, WriterRegistry writers) {
      this.configs = configs;
      this.devices = devices;
      this.writers = writers;
    }

    /** Records {@code frames} simulated frames to OME-TIFF and CSV. */
    public Recording.Summary record(Path stem, long frames) throws InterruptedException {
      DeviceRequest request =
          new DeviceRequest(null, Map.of("pacing", "as-fast-as-possible"), configs);
      try (Device device = devices.create("simulated", request)) {
        device.open();
        return new Recording(
                device,
                CompositeWriter.forFormats(writers, List.of("ome-tiff", "csv")),
                Recording.Limits.frames(frames),
                Duration.ofSeconds(5))
            .run(stem, WriterOptions.defaults());
      }
    }
  }
}
