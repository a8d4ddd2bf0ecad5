package org.scopeio.stream.update;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.scopeio.api.ConfigException;
import org.scopeio.api.ConfigType;
import org.scopeio.config.ConfigDocument;
import org.scopeio.config.ConfigStore;
import org.scopeio.config.ConfigTypes;
import org.scopeio.format.SdLayout;
import org.scopeio.format.StreamDevConfig;
import org.scopeio.simulator.fuzz.Mutations;

/**
 * Coverage-guided fuzzing of the config loader and of batch update files: one of the packaged
 * configs (SD layouts, stream device, buffer header formats, the batch {@code
 * device-command-example}), its YAML mutated, read from a file and bound as every config type; a
 * batch is also planned (validated) as {@code scopeio update --batch} does before sending. Allowed
 * outcomes: a config, or a {@link ConfigException} naming the file. Anything else is a finding.
 *
 * <p>The inputs under {@code src/test/resources/.../ConfigFuzzTestInputs} run in every build;
 * {@code mvn -P fuzz} fuzzes (see the README).
 */
class ConfigFuzzTest {
  private static final List<String> IDS =
      List.of(
          "wirefree-sd-layout",
          "wirefree-sd-layout-battery",
          "wirefree-sd-layout-legacy",
          "wireless-200px",
          "stream-buffer-header",
          "sd-buffer-header",
          UpdateBatch.EXAMPLE_ID);
  private static final List<ConfigType<?>> TYPES =
      List.of(
          SdLayout.TYPE, StreamDevConfig.TYPE, ConfigTypes.BUFFER_HEADER_FORMAT, UpdateBatch.TYPE);
  private static final List<byte[]> YAML = IDS.stream().map(ConfigFuzzTest::packaged).toList();
  private static final ConfigStore STORE =
      new ConfigStore(null, ConfigFuzzTest.class.getClassLoader());
  private static final Path FILE = tempFile();

  private static byte[] packaged(String id) {
    try (InputStream in =
        ConfigFuzzTest.class
            .getClassLoader()
            .getResourceAsStream("scopeio/config/" + id + ".yaml")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempFile() {
    try {
      Path dir = Files.createTempDirectory("scopeio-fuzz-config");
      dir.toFile().deleteOnExit();
      return dir.resolve("fuzzed.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  @Timeout(10)
  void mutatedConfigsBindOrFailNamingTheFile(FuzzedDataProvider data) throws IOException {
    byte[] base = YAML.get(data.consumeInt(0, YAML.size() - 1));
    Files.write(FILE, Mutations.mutate(base, data, 12));

    ConfigDocument doc;
    try {
      doc = STORE.read(FILE.toString());
    } catch (ConfigException e) {
      assertNamesTheFile(e);
      return;
    }
    for (ConfigType<?> type : TYPES) {
      try {
        Object config = STORE.bind(doc, type);
        assertThat(config).isNotNull();
        if (config instanceof UpdateBatch batch) {
          assertThat(batch.plan(doc.location())).isNotEmpty();
        }
      } catch (ConfigException e) {
        assertNamesTheFile(e);
      }
    }
  }

  private static void assertNamesTheFile(ConfigException e) {
    assertThat(e.location()).hasValueSatisfying(l -> assertThat(l).contains(FILE.toString()));
  }
}
