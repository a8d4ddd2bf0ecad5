package org.scopeio.stream.update;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The settings a miniscope accepts over the update protocol, with their key codes and the values
 * each allows. {@link #DEVICE} carries device commands ({@link #REBOOT_VALUE}); it is not an
 * ordinary setting and batch files may not use it.
 */
public enum UpdateKey {
  /** Excitation LED power in percent, 0 to 100. */
  LED(0, 0, 100),
  /** Sensor gain: 1, 2 or 4. */
  GAIN(1, new int[] {1, 2, 4}),
  /** Region of interest, x offset (12 bits). */
  ROI_X(2, 0, 4095),
  /** Region of interest, y offset (12 bits). */
  ROI_Y(3, 0, 4095),
  /** Subsampling off (0) or on (1). */
  SUBSAMPLE(4, new int[] {0, 1}),
  /** A device command: 200 = reboot. */
  DEVICE(50, new int[] {200});

  /** The value of {@link #DEVICE} that reboots the miniscope. */
  public static final int REBOOT_VALUE = 200;

  private final int code;
  private final int min;
  private final int max;
  private final int[] choices;

  UpdateKey(int code, int min, int max) {
    this.code = code;
    this.min = min;
    this.max = max;
    this.choices = null;
  }

  UpdateKey(int code, int[] choices) {
    this.code = code;
    this.min = Arrays.stream(choices).min().orElseThrow();
    this.max = Arrays.stream(choices).max().orElseThrow();
    this.choices = choices;
  }

  /** The key code (0 to 63). */
  public int code() {
    return code;
  }

  /** Whether {@code value} is allowed. */
  public boolean accepts(int value) {
    if (choices != null) {
      return Arrays.stream(choices).anyMatch(c -> c == value);
    }
    return value >= min && value <= max;
  }

  /** The allowed values, for messages: "between 0 and 100" or "1, 2 or 4". */
  public String allowed() {
    if (choices == null) {
      return "between " + min + " and " + max;
    }
    if (choices.length == 1) {
      return String.valueOf(choices[0]);
    }
    String head =
        Arrays.stream(choices, 0, choices.length - 1)
            .mapToObj(String::valueOf)
            .collect(Collectors.joining(", "));
    return head + " or " + choices[choices.length - 1];
  }

  /**
   * Parses a key name as mio writes it ({@code LED}, {@code ROI_X}; case-insensitive).
   *
   * @param settingsOnly whether {@link #DEVICE} is refused (batch files, {@code --key})
   * @throws IllegalArgumentException naming the key and the accepted ones
   */
  public static UpdateKey parse(String name, boolean settingsOnly) {
    String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (UpdateKey k : values()) {
      if (k.name().equals(n) && !(settingsOnly && k == DEVICE)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown key '" + name + "'; expected LED, GAIN, ROI_X, ROI_Y or SUBSAMPLE");
  }
}
