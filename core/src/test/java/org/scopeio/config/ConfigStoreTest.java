package org.scopeio.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeio.api.BufferHeaderFormat;
import org.scopeio.api.ConfigException;
import org.scopeio.api.ConfigType;

class ConfigStoreTest {
  @TempDir Path dir;

  /** A record config with a nested block, bound from snake_case keys. */
  public record CameraConfig(Integer frameWidth, String name, Runtime runtime) {
    public CameraConfig {
      if (frameWidth != null && frameWidth <= 0) {
        throw new IllegalArgumentException("frame_width must be positive, got " + frameWidth);
      }
    }

    public record Runtime(Integer queueSize) {}
  }

  static final ConfigType<CameraConfig> CAMERA =
      ConfigType.bound(
          "camera",
          CameraConfig.class,
          Set.of("mio.models.stream.StreamDevConfig"),
          Set.of("version", "runtime.csv"));

  ConfigStore store() {
    return new ConfigStore(dir.resolve("user"), getClass().getClassLoader());
  }

  Path write(String relative, String text) throws Exception {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void packagedHeaderFormatsLoadById() {
    BufferHeaderFormat sd = store().load("sd-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT);
    assertThat(sd.id()).isEqualTo("sd-buffer-header");
    assertThat(sd.index("length")).hasValue(0);
    assertThat(sd.index("data_length")).hasValue(8);
    assertThat(sd.index("write_timestamp")).isEmpty();
    assertThat(sd.declares("battery_voltage")).isTrue();

    BufferHeaderFormat stream =
        store().load("stream-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT);
    assertThat(stream.fieldsByIndex())
        .containsExactly(
            "linked_list",
            "frame_num",
            "buffer_count",
            "frame_buffer_count",
            "write_buffer_count",
            "dropped_buffer_count",
            "timestamp",
            "pixel_count",
            "write_timestamp",
            "battery_voltage_raw",
            "input_voltage_raw");
  }

  @Test
  void aPathLoadsTheFileAndBindsSnakeCaseKeysToRecordComponents() throws Exception {
    Path p =
        write(
            "cam.yaml",
            "id: my-cam\nmodel: camera\nversion: 0.1.0\nframe_width: 320\nname: left\nruntime:\n  queue_size: 5\n");
    CameraConfig c = store().load(p.toString(), CAMERA);
    assertThat(c).isEqualTo(new CameraConfig(320, "left", new CameraConfig.Runtime(5)));
    ConfigDocument doc = store().read(p.toString());
    assertThat(doc.header()).isEqualTo(new ConfigHeader("my-cam", "camera", "0.1.0", false));
    assertThat(doc.findFile()).contains(p);
  }

  @Test
  void theUserDirectoryShadowsPackagedConfigsWithTheSameId() throws Exception {
    write(
        "user/nested/mine.yml",
        "id: stream-buffer-header\nmio_model: mio.models.stream.StreamBufferHeaderFormat\nmio_version: 0.8.1\nframe_num: 0\ntimestamp: 1\n");
    BufferHeaderFormat f = store().load("stream-buffer-header", ConfigTypes.BUFFER_HEADER_FORMAT);
    assertThat(f.fieldsByIndex()).containsExactly("frame_num", "timestamp");
    var entries = store().list();
    assertThat(entries)
        .filteredOn(e -> e.id().equals("stream-buffer-header"))
        .extracting(ConfigEntry::origin, ConfigEntry::shadowed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ConfigEntry.Origin.USER, false),
            org.assertj.core.groups.Tuple.tuple(ConfigEntry.Origin.PACKAGED, true));
  }

  @Test
  void aRelativePathIsAlsoLookedUpInTheUserDirectory() throws Exception {
    write("user/cams/a.yaml", "id: a\nmodel: camera\nframe_width: 8\n");
    assertThat(store().load("cams/a.yaml", CAMERA).frameWidth()).isEqualTo(8);
  }

  @Test
  void unknownKeysFailWithTheirFullKeyPath() throws Exception {
    Path p = write("bad.yaml", "id: bad\nmodel: camera\nruntime:\n  queue_size: 5\n  plot: true\n");
    assertThatThrownBy(() -> store().load(p.toString(), CAMERA))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            p + ": key 'runtime.plot': unknown key; known keys here are queue_size")
        .satisfies(e -> assertThat(((ConfigException) e).keyPath()).contains("runtime.plot"));
  }

  @Test
  void miosDeadKeysOnlyWarn() throws Exception {
    Path p =
        write(
            "mio.yml",
            "id: wireless\nmio_model: mio.models.stream.StreamDevConfig\nmio_version: v5.0.0\nversion: 0.1.1\nframe_width: 200\nruntime:\n  queue_size: 5\n  csv:\n    buffer: 100\n");
    CameraConfig c = store().load(p.toString(), CAMERA);
    assertThat(c.frameWidth()).isEqualTo(200);
    assertThat(c.runtime().queueSize()).isEqualTo(5);
  }

  @Test
  void valuesOfTheWrongTypeNameTheKey() throws Exception {
    Path p = write("t.yaml", "id: t\nmodel: camera\nframe_width: wide\n");
    assertThatThrownBy(() -> store().load(p.toString(), CAMERA))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'frame_width': expected a whole number, got 'wide'");
    Path q = write("v.yaml", "id: v\nmodel: camera\nframe_width: -3\n");
    assertThatThrownBy(() -> store().load(q.toString(), CAMERA))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("frame_width must be positive, got -3");
  }

  @Test
  void malformedYamlNamesFileLineAndColumn() throws Exception {
    Path p = write("broken.yaml", "id: broken\nmodel: camera\nruntime: [1, 2\nname: x\n");
    assertThatThrownBy(() -> store().read(p.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageMatching("\\Q" + p + "\\E: invalid YAML at line \\d+, column \\d+: .*");
    Path dup = write("dup.yaml", "id: d\nmodel: camera\nname: a\nname: b\n");
    assertThatThrownBy(() -> store().read(dup.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("invalid YAML at line 4")
        .hasMessageContaining("Duplicate field 'name'");
  }

  @Test
  void missingFilesAndIdsSayWhereTheyWereLookedFor() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> store().read(missing.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": no such config file");
    assertThatThrownBy(() -> store().read("no-such-id"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "no config with id 'no-such-id' in "
                + dir.resolve("user")
                + " or the packaged configs; 'scopeio config list' shows the known ids");
  }

  @Test
  void idsFollowMiosPattern() {
    assertThat(ConfigStore.isId("wireless-200px")).isTrue();
    assertThat(ConfigStore.isId("lab/rig_2#b")).isTrue();
    assertThat(ConfigStore.isId("a.b")).isFalse();
    assertThat(ConfigStore.isId("has space")).isFalse();
    assertThat(ConfigStore.isPath("x/a.YML")).isTrue();
    assertThatThrownBy(() -> store().read("a.b"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "'a.b' is neither a config id (letters, digits, _ - / # only) nor a path ending in .yaml or .yml");
  }

  @Test
  void aFileMustDeclareAValidIdAndTheExpectedModel() throws Exception {
    Path noId = write("noid.yaml", "model: camera\nname: x\n");
    assertThatThrownBy(() -> store().read(noId.toString()))
        .hasMessage(noId + ": key 'id': every config needs a root-level 'id'");
    Path badId = write("badid.yaml", "id: a.b\n");
    assertThatThrownBy(() -> store().read(badId.toString()))
        .hasMessage(badId + ": key 'id': 'a.b' is not a valid id (letters, digits, _ - / # only)");
    write("user/fmt.yaml", "id: fmt\nmio_model: mio.models.sdcard.SDLayout\nmio_version: 0.8.1\n");
    assertThatThrownBy(() -> store().load("fmt", ConfigTypes.BUFFER_HEADER_FORMAT))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "key 'mio_model': declares model 'mio.models.sdcard.SDLayout' but a 'buffer-header-format' config was expected");
  }

  @Test
  void headerFormatsRejectNonIndexValues() throws Exception {
    Path p = write("h.yaml", "id: h\nmodel: buffer-header-format\nframe_num: one\n");
    assertThatThrownBy(() -> store().load(p.toString(), ConfigTypes.BUFFER_HEADER_FORMAT))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            p
                + ": key 'frame_num': expected a word index from 0 to 127 (or null for an absent field), found \"one\"");
  }

  @Test
  void loadingNeverWritesToTheFile() throws Exception {
    // mio would rewrite this file to put the header keys first; Scopeio leaves it alone
    String text = "frame_width: 10\nmodel: camera\nid: order\n";
    Path p = write("user/order.yaml", text);
    FileTime before = FileTime.fromMillis(1_000_000_000L);
    Files.setLastModifiedTime(p, before);
    assertThat(store().load("order", CAMERA).frameWidth()).isEqualTo(10);
    assertThat(Files.readString(p)).isEqualTo(text);
    assertThat(Files.getLastModifiedTime(p)).isEqualTo(before);
    try (var files = Files.list(p.getParent())) {
      assertThat(files).containsExactly(p);
    }
  }

  @Test
  void theEnvironmentChoosesTheUserDirectory() {
    assertThat(ConfigStore.userDirFrom(Map.of("SCOPEIO_CONFIG_DIR", "/lab/configs"), "/home/a"))
        .isEqualTo(Path.of("/lab/configs"));
    assertThat(ConfigStore.userDirFrom(Map.of(), "/home/a"))
        .isEqualTo(Path.of("/home/a/.config/scopeio/config"));
  }

  @Test
  void showRoundTripsTheDocumentHeaderFirst() throws Exception {
    Path p = write("s.yaml", "name: x\nid: s\nmodel: camera\nframe_width: 3\n");
    String yaml = ConfigStore.toYaml(store().read(p.toString()));
    assertThat(yaml).isEqualTo("id: s\nmodel: camera\nname: x\nframe_width: 3\n");
  }
}
