package org.scopeio.config;

/**
 * One config file found by {@link ConfigStore#list()}.
 *
 * @param id the config's id
 * @param model its declared model, or {@code null}
 * @param version its declared version, or {@code null}
 * @param location file path or packaged resource
 * @param origin where it was found
 * @param shadowed whether an earlier config in search order has the same id (so this one is not
 *     used when loading by id)
 */
public record ConfigEntry(
    String id, String model, String version, String location, Origin origin, boolean shadowed) {

  /** Where a config was found, in search order. */
  public enum Origin {
    /** The user config directory. */
    USER,
    /** A resource packaged with a Scopeio module or plugin. */
    PACKAGED
  }
}
