package org.scopeio.stream.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scopeio.api.ConfigException;
import org.scopeio.config.ConfigStore;

class DeviceUpdateTest {
  /** Every example of docs/formats.md §5.2. */
  @ParameterizedTest(name = "device {0} {1}={2} -> {3}")
  @CsvSource({
    "1, LED, 2, 01 C0 42 80 FF",
    "0, DEVICE, 200, 00 F2 48 83 FF",
    "5, LED, 5, 05 C0 45 80 FF",
    "5, GAIN, 4, 05 C1 44 80 FF",
    "5, ROI_X, 20, 05 C2 54 80 FF",
    "5, ROI_Y, 30, 05 C3 5E 80 FF",
    "5, SUBSAMPLE, 0, 05 C4 40 80 FF",
    "63, ROI_X, 4095, 3F C2 7F BF FF"
  })
  void bytesAreExactlyThoseOfTheProtocol(int device, String key, int value, String hex) {
    DeviceUpdate u = new DeviceUpdate(device, UpdateKey.valueOf(key), value);
    assertThat(u.hex()).isEqualTo(hex);
    assertThat(u.bytes()).hasSize(5);
  }

  @Test
  void rebootIsTheDeviceCommand200() {
    assertThat(DeviceUpdate.reboot(0).hex()).isEqualTo("00 F2 48 83 FF");
    assertThat(DeviceUpdate.reboot(0).describe()).isEqualTo("device 0 (all): REBOOT");
    assertThat(new DeviceUpdate(7, UpdateKey.GAIN, 2).describe()).isEqualTo("device 7: GAIN = 2");
  }

  @Test
  void valuesAndDeviceIdsAreValidatedNeverTruncated() {
    assertThatThrownBy(() -> new DeviceUpdate(1, UpdateKey.LED, 101))
        .hasMessage("for LED, value must be between 0 and 100, got 101");
    assertThatThrownBy(() -> new DeviceUpdate(1, UpdateKey.GAIN, 3))
        .hasMessage("for GAIN, value must be 1, 2 or 4, got 3");
    assertThatThrownBy(() -> new DeviceUpdate(1, UpdateKey.SUBSAMPLE, 2))
        .hasMessage("for SUBSAMPLE, value must be 0 or 1, got 2");
    assertThatThrownBy(() -> new DeviceUpdate(1, UpdateKey.ROI_X, 4096))
        .hasMessage("for ROI_X, value must be between 0 and 4095, got 4096");
    assertThatThrownBy(() -> new DeviceUpdate(1, UpdateKey.DEVICE, 100))
        .hasMessage("device command must be 200, got 100");
    assertThatThrownBy(() -> new DeviceUpdate(64, UpdateKey.LED, 1))
        .hasMessage("device id must be 0 (all devices) to 63, got 64");
    assertThatThrownBy(() -> UpdateKey.parse("EWL", true))
        .hasMessage("unknown key 'EWL'; expected LED, GAIN, ROI_X, ROI_Y or SUBSAMPLE");
    assertThatThrownBy(() -> UpdateKey.parse("DEVICE", true))
        .hasMessageStartingWith("unknown key 'DEVICE'");
    assertThat(UpdateKey.parse("roi_x", true)).isEqualTo(UpdateKey.ROI_X);
  }

  @Test
  void thePackagedBatchGivesTheTenDocumentedTransactions() {
    ConfigStore configs = new ConfigStore(null, getClass().getClassLoader());
    UpdateBatch batch = configs.load(UpdateBatch.EXAMPLE_ID, UpdateBatch.TYPE);
    List<String> plan =
        batch.plan("device-command-example").stream()
            .map(p -> p.update().hex() + " " + p.port())
            .toList();
    assertThat(plan)
        .containsExactly(
            "05 C0 45 80 FF null",
            "05 C1 44 80 FF null",
            "05 C2 54 80 FF null",
            "05 C3 5E 80 FF null",
            "05 C4 40 80 FF null",
            "02 C0 4A 80 FF null",
            "02 C1 41 80 FF null",
            "02 C2 7C 80 FF null",
            "02 C3 7C 80 FF null",
            "02 C4 40 80 FF null");
  }

  @Test
  void aBatchIsValidatedAsAWholeNamingTheEntryAndKey() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("batch");
    java.nio.file.Path yaml = dir.resolve("b.yaml");
    java.nio.file.Files.writeString(
        yaml,
        String.join(
            "\n",
            "id: b",
            "model: update-batch",
            "version: 0.1.0",
            "devices:",
            "  - device_id: 1",
            "    port: /dev/ttyUSB3",
            "    updates: {LED: 50}",
            "  - device_id: 2",
            "    updates: {LED: 10, GAIN: 3}",
            ""));
    ConfigStore configs = new ConfigStore(null, getClass().getClassLoader());
    UpdateBatch batch = configs.load(yaml.toString(), UpdateBatch.TYPE);
    assertThatThrownBy(() -> batch.plan(yaml.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(yaml.toString())
        .hasMessageContaining("devices[1].updates.GAIN")
        .hasMessageContaining("for GAIN, value must be 1, 2 or 4, got 3");
  }
}
