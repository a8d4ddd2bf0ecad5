package org.scopeio.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scopeio.api.ConfigException;
import org.scopeio.api.ConfigType;
import org.scopeio.api.Configs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, parses and binds config files, following mio's rules (docs/formats.md §1) with Scopeio's
 * decisions.
 *
 * <ul>
 *   <li>A reference ending in {@code .yaml} or {@code .yml} is a path: absolute, relative to the
 *       working directory, or else relative to the user config directory.
 *   <li>Any other reference must be an id (it must fully match {@code [\w\-/#]+}) and is looked up
 *       in the user config directory first (recursively, {@code *.yaml}/{@code *.yml}, by the
 *       root-level {@code id:} line), then in the packaged configs of every module on the class
 *       path (listed in {@code META-INF/scopeio/configs}).
 *   <li>Header keys {@code id}, {@code model}, {@code version} or mio's {@code id}, {@code
 *       mio_model}, {@code mio_version}; a declared model must match the requested {@link
 *       ConfigType}.
 *   <li>Unknown keys fail naming their full path; the type's dead keys only warn; YAML errors name
 *       the line and column; duplicate keys are errors.
 *   <li>Loading never writes to any file.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigStore implements Configs {
  /** Environment variable naming the user config directory. */
  public static final String CONFIG_DIR_ENV = "SCOPEIO_CONFIG_DIR";

  /** Resource listing the packaged configs of a module, one resource path a line. */
  public static final String PACKAGED_INDEX = "META-INF/scopeio/configs";

  private static final Pattern ID = Pattern.compile("[\\w\\-/#]+");
  private static final Pattern ROOT_ID =
      Pattern.compile("^id:\\s*\"*'*(\\S.*?)\"*'*\\s*$", Pattern.MULTILINE);
  private static final Pattern ROOT_MODEL =
      Pattern.compile("^(?:mio_)?model:\\s*\"*'*(\\S.*?)\"*'*\\s*$", Pattern.MULTILINE);
  private static final Pattern ROOT_VERSION =
      Pattern.compile("^(?:mio_)?version:\\s*\"*'*(\\S.*?)\"*'*\\s*$", Pattern.MULTILINE);
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  /**
   * The logger, made when there is something to warn of: SLF4J's start-up (about 20 ms) is not paid
   * by the commands that read configs without a warning.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(ConfigStore.class);
  }

  private final Path userDir;
  private final ClassLoader loader;

  /**
   * @param userDir the user config directory, or {@code null} for none (it need not exist)
   * @param loader where packaged configs are found
   */
  public ConfigStore(Path userDir, ClassLoader loader) {
    this.userDir = userDir;
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /**
   * The store for this process: user directory {@code $SCOPEIO_CONFIG_DIR}, else {@code
   * ~/.config/scopeio/config}; packaged configs from the context class loader.
   */
  public static ConfigStore standard() {
    return new ConfigStore(
        userDirFrom(System.getenv(), System.getProperty("user.home")),
        Thread.currentThread().getContextClassLoader());
  }

  /** The user config directory the environment selects. */
  public static Path userDirFrom(Map<String, String> env, String userHome) {
    String dir = env.get(CONFIG_DIR_ENV);
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    return Path.of(userHome, ".config", "scopeio", "config");
  }

  /** Whether {@code ref} is a valid config id (as opposed to a path). */
  public static boolean isId(String ref) {
    return ID.matcher(ref).matches();
  }

  /** Whether {@code ref} names a YAML file rather than an id. */
  public static boolean isPath(String ref) {
    String lower = ref.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  public Optional<Path> userDir() {
    return Optional.ofNullable(userDir);
  }

  /**
   * Loads and binds the config {@code ref} (an id or a path) as {@code type}.
   *
   * @throws ConfigException if it cannot be found, parsed, or bound, or declares another model
   */
  @Override
  public <T> T load(String ref, ConfigType<T> type) {
    return load(ref, type, Map.of());
  }

  /**
   * Loads the config {@code ref} with {@code overrides} applied over it: each override whose key is
   * one of {@code type}'s keys replaces that key's value before binding, so it is checked as the
   * config's own values are (a value written {@code [a, b]} is a list); messages name the config
   * and the overrides.
   *
   * @throws ConfigException if it cannot be found, parsed, or bound, or declares another model
   */
  @Override
  public <T> T load(String ref, ConfigType<T> type, Map<String, String> overrides) {
    return bind(read(ref), type, overrides);
  }

  /**
   * A config of {@code type} made of {@code overrides} alone (a device created from options, with
   * no config file); {@code location} names them in messages.
   */
  @Override
  public <T> T fromValues(ConfigType<T> type, Map<String, String> overrides, String location) {
    return bind(
        new ConfigDocument(
            new ConfigHeader("options", null, null, false),
            YAML.createObjectNode(),
            location,
            null),
        type,
        overrides);
  }

  /** Binds an already read document as {@code type}. */
  public <T> T bind(ConfigDocument doc, ConfigType<T> type) {
    return bind(doc, type, Map.of());
  }

  /** Binds an already read document as {@code type} with {@code overrides} (see {@link #load}). */
  public <T> T bind(ConfigDocument doc, ConfigType<T> type, Map<String, String> overrides) {
    StringBuilder applied = new StringBuilder();
    ObjectNode merged = doc.body().deepCopy();
    for (Map.Entry<String, String> o : new java.util.TreeMap<>(overrides).entrySet()) {
      if (!keysOf(type).contains(o.getKey())) {
        continue;
      }
      merged.set(o.getKey(), overrideNode(o.getValue()));
      applied.append(" -O ").append(o.getKey()).append('=').append(o.getValue());
    }
    if (applied.length() > 0) {
      doc =
          new ConfigDocument(doc.header(), merged, doc.location() + " with" + applied, doc.file());
    }
    String model = doc.header().model();
    if (model != null && !type.accepts(model)) {
      throw new ConfigException(
          doc.location(),
          doc.header().mioStyle() ? "mio_model" : "model",
          "declares model '"
              + model
              + "' but a '"
              + type.model()
              + "' config was expected"
              + (type.aliases().isEmpty() ? "" : " (or one of " + type.aliases() + ")"));
    }
    ObjectNode body = doc.body().deepCopy();
    for (String dead : type.deadKeys()) {
      // packaged copies of mio's files keep mio's dead keys on purpose: nothing to say of them
      if (removePath(body, dead) && doc.file() != null) {
        log().warn("{}: key '{}' is not used by mio or Scopeio; ignored", doc.location(), dead);
      }
    }
    if (type instanceof CustomConfigType<T> custom) {
      return custom.bind(body, doc);
    }
    return ConfigBinding.bind(body, type.valueType(), doc.location());
  }

  /**
   * The top-level keys of a config of {@code type} ({@code snake_case}): a record's components;
   * none for a custom-bound type.
   */
  public static Set<String> keysOf(ConfigType<?> type) {
    return type instanceof CustomConfigType<?> ? Set.of() : ConfigBinding.keysOf(type.valueType());
  }

  private static JsonNode overrideNode(String value) {
    String v = value.trim();
    if (v.startsWith("[") && v.endsWith("]")) {
      var list = YAML.createArrayNode();
      String inner = v.substring(1, v.length() - 1).trim();
      if (!inner.isEmpty()) {
        for (String item : inner.split(",")) {
          list.add(item.trim());
        }
      }
      return list;
    }
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(v);
  }

  /**
   * Finds and parses the config {@code ref} without binding it.
   *
   * @throws ConfigException if it cannot be found or parsed
   */
  public ConfigDocument read(String ref) {
    Objects.requireNonNull(ref, "ref");
    if (isPath(ref)) {
      return parseFile(resolvePath(ref));
    }
    if (!isId(ref)) {
      throw new ConfigException(
          null,
          null,
          "'"
              + ref
              + "' is neither a config id (letters, digits, _ - / # only) nor a path ending in"
              + " .yaml or .yml");
    }
    for (Candidate c : candidates()) {
      if (ref.equals(c.id())) {
        return c.file() != null ? parseFile(c.file()) : parseResource(c.resource(), c.location());
      }
    }
    throw new ConfigException(
        null,
        null,
        "no config with id '"
            + ref
            + "' in "
            + (userDir == null ? "" : userDir + " or ")
            + "the packaged configs; 'scopeio config list' shows the known ids");
  }

  /**
   * The file a config reference reads, when it names one: a path, or an id found in the user config
   * directory; empty for packaged configs. Commands never write over it.
   */
  @Override
  public Optional<Path> fileOf(String ref) {
    try {
      return read(ref).findFile();
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }

  /** Every config in search order, shadowed ones marked. */
  public List<ConfigEntry> list() {
    List<ConfigEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Candidate c : candidates()) {
      if (c.id() == null) {
        continue;
      }
      entries.add(
          new ConfigEntry(
              c.id(), c.model(), c.version(), c.location(), c.origin(), !seen.add(c.id())));
    }
    return entries;
  }

  /** The document as YAML, header first, in Scopeio's or mio's key style as it was written. */
  public static String toYaml(ConfigDocument doc) {
    ObjectNode out = YAML.createObjectNode();
    ConfigHeader h = doc.header();
    out.put("id", h.id());
    if (h.model() != null) {
      out.put(h.mioStyle() ? "mio_model" : "model", h.model());
    }
    if (h.version() != null) {
      out.put(h.mioStyle() ? "mio_version" : "version", h.version());
    }
    out.setAll(doc.body());
    try {
      return YAML.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path resolvePath(String ref) {
    Path p = Path.of(ref);
    if (Files.exists(p)) {
      return p;
    }
    if (!p.isAbsolute() && userDir != null && Files.exists(userDir.resolve(p))) {
      return userDir.resolve(p);
    }
    throw new ConfigException(
        ref,
        null,
        "no such config file"
            + (p.isAbsolute() || userDir == null ? "" : " (also looked in " + userDir + ")"));
  }

  /** Largest config file read: configs are a few kilobytes; anything bigger is not one. */
  public static final long MAX_CONFIG_BYTES = 1 << 20;

  private ConfigDocument parseFile(Path file) {
    String text;
    try {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(
            file.toString(),
            null,
            Files.isDirectory(file)
                ? "is a directory, not a config file"
                : "is not a regular file (a pipe or a device?); configs are YAML files");
      }
      long size = Files.size(file);
      if (size > MAX_CONFIG_BYTES) {
        throw new ConfigException(
            file.toString(),
            null,
            "is "
                + size
                + " bytes; config files are YAML of at most "
                + MAX_CONFIG_BYTES
                + " bytes (1 MiB). Is this the right file?");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), null, "no such config file", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(file.toString(), null, "permission denied", e);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ConfigException(
          file.toString(), null, "is not a text file (UTF-8); configs are YAML text", e);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), null, "cannot read: " + e.getMessage(), e);
    }
    return parse(text, file.toString(), file);
  }

  private ConfigDocument parseResource(String resource, String location) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ConfigException(location, null, "packaged config is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), location, null);
    } catch (IOException e) {
      throw new ConfigException(location, null, "cannot read: " + e.getMessage(), e);
    }
  }

  static ConfigDocument parse(String text, String location, Path file) {
    JsonNode root;
    try (com.fasterxml.jackson.core.JsonParser parser = YAML.getFactory().createParser(text)) {
      root = YAML.readTree(parser);
      if (root != null && parser.nextToken() != null) {
        throw new ConfigException(
            location,
            null,
            "holds more than one YAML document (another starts at line "
                + parser.currentTokenLocation().getLineNr()
                + "); a config file is one document");
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(
          location, null, "invalid YAML" + where + ": " + firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new ConfigException(location, null, "cannot read: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ConfigException(location, null, "the file is empty");
    }
    if (!root.isObject()) {
      throw new ConfigException(
          location,
          null,
          "expected a mapping of keys at the top level, found " + root.getNodeType());
    }
    ObjectNode body = ((ObjectNode) root).deepCopy();
    boolean mio = body.has("mio_model") || body.has("mio_version");
    String modelKey = mio ? "mio_model" : "model";
    String versionKey = mio ? "mio_version" : "version";
    JsonNode idNode = body.remove("id");
    if (idNode == null || !idNode.isValueNode() || idNode.isNull()) {
      throw new ConfigException(location, "id", "every config needs a root-level 'id'");
    }
    String id = idNode.asText();
    if (!isId(id)) {
      throw new ConfigException(
          location, "id", "'" + id + "' is not a valid id (letters, digits, _ - / # only)");
    }
    String model = text(body.remove(modelKey), location, modelKey);
    String version = text(body.remove(versionKey), location, versionKey);
    return new ConfigDocument(new ConfigHeader(id, model, version, mio), body, location, file);
  }

  private static String text(JsonNode node, String location, String key) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw new ConfigException(location, key, "expected a single value");
    }
    return node.asText();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static boolean removePath(ObjectNode body, String dotted) {
    String[] parts = dotted.split("\\.");
    ObjectNode node = body;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = node.get(parts[i]);
      if (!(next instanceof ObjectNode)) {
        return false;
      }
      node = (ObjectNode) next;
    }
    boolean removed = node.remove(parts[parts.length - 1]) != null;
    // drop a parent left empty by the removal, as if the dead block had not been there
    if (removed && parts.length > 1 && node.isEmpty()) {
      removePath(body, dotted.substring(0, dotted.lastIndexOf('.')));
    }
    return removed;
  }

  private record Candidate(
      String id,
      String model,
      String version,
      Path file,
      String resource,
      String location,
      ConfigEntry.Origin origin) {}

  private List<Candidate> candidates() {
    List<Candidate> out = new ArrayList<>();
    if (userDir != null && Files.isDirectory(userDir)) {
      try (Stream<Path> files = Files.walk(userDir)) {
        files
            .filter(Files::isRegularFile)
            .filter(f -> isPath(f.getFileName().toString()))
            .sorted()
            .forEach(
                f -> {
                  String text;
                  try {
                    text = Files.readString(f, StandardCharsets.UTF_8);
                  } catch (IOException | UncheckedIOException e) {
                    log().warn("{}: cannot read ({}); skipped", f, e.getMessage());
                    return;
                  }
                  out.add(
                      new Candidate(
                          peek(ROOT_ID, text),
                          peek(ROOT_MODEL, text),
                          peek(ROOT_VERSION, text),
                          f,
                          null,
                          f.toString(),
                          ConfigEntry.Origin.USER));
                });
      } catch (IOException | UncheckedIOException e) {
        throw new ConfigException(userDir.toString(), null, "cannot list: " + e.getMessage(), e);
      }
    }
    for (String resource : packagedResources()) {
      URL url = loader.getResource(resource);
      if (url == null) {
        log().warn("{} lists {} but it is not on the class path", PACKAGED_INDEX, resource);
        continue;
      }
      String text;
      try (InputStream in = url.openStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException(url.toString(), null, "cannot read: " + e.getMessage(), e);
      }
      out.add(
          new Candidate(
              peek(ROOT_ID, text),
              peek(ROOT_MODEL, text),
              peek(ROOT_VERSION, text),
              null,
              resource,
              "packaged:" + resource,
              ConfigEntry.Origin.PACKAGED));
    }
    return out;
  }

  private Set<String> packagedResources() {
    Set<String> resources = new LinkedHashSet<>();
    try {
      Enumeration<URL> indexes = loader.getResources(PACKAGED_INDEX);
      List<URL> sorted = new ArrayList<>();
      for (Iterator<URL> it = indexes.asIterator(); it.hasNext(); ) {
        sorted.add(it.next());
      }
      sorted.sort(java.util.Comparator.comparing(URL::toString));
      for (URL index : sorted) {
        try (BufferedReader r =
            new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            line = line.strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
              resources.add(line);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new ConfigException(PACKAGED_INDEX, null, "cannot read: " + e.getMessage(), e);
    }
    return resources;
  }

  private static String peek(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }
}
