package org.scopeio.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scopeio.api.spi.DeviceProvider;

class ProviderRegistryTest {

  static class CameraA implements DeviceProvider {
    @Override
    public String type() {
      return "cam";
    }

    @Override
    public String description() {
      return "a";
    }

    @Override
    public Device create(DeviceRequest request) {
      throw new UnsupportedOperationException();
    }
  }

  static class CameraB extends CameraA {}

  static class Other extends CameraA {
    @Override
    public String type() {
      return "other";
    }
  }

  @Test
  void emptyRegistrySaysNoProviderIsOnTheClassPath() {
    DeviceRegistry r = DeviceRegistry.of(List.of());
    assertThat(r.types()).isEmpty();
    assertThatThrownBy(() -> r.provider("cam"))
        .isInstanceOf(ScopeioException.class)
        .hasMessage("unknown device type 'cam'; known: none (no provider on the class path)");
  }

  @Test
  void oneProviderIsFoundByItsType() {
    CameraA a = new CameraA();
    DeviceRegistry r = DeviceRegistry.of(List.of(a));
    assertThat(r.provider("cam")).isSameAs(a);
    assertThat(r.types()).containsExactly("cam");
  }

  @Test
  void duplicateTypesFailNamingBothClasses() {
    assertThatThrownBy(() -> DeviceRegistry.of(List.of(new CameraA(), new CameraB())))
        .isInstanceOf(ScopeioException.class)
        .hasMessageContaining("two providers declare the device type 'cam'")
        .hasMessageContaining(CameraA.class.getName())
        .hasMessageContaining(CameraB.class.getName());
  }

  @Test
  void unknownTypeListsTheKnownTypesSorted() {
    DeviceRegistry r = DeviceRegistry.of(List.of(new Other(), new CameraA()));
    assertThatThrownBy(() -> r.provider("usb"))
        .isInstanceOf(ScopeioException.class)
        .hasMessage("unknown device type 'usb'; known: [cam, other]");
  }

  @Test
  void serviceLoaderFindsNothingInTheApiModuleItself() {
    DeviceRegistry r = DeviceRegistry.load(ProviderRegistryTest.class.getClassLoader());
    assertThat(r.types()).isEmpty();
    assertThat(WriterRegistry.load(getClass().getClassLoader()).formats()).isEmpty();
  }
}
