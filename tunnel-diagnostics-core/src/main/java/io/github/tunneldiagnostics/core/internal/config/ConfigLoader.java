package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a cloudflared {@code config.yml} exactly as cloudflared (yaml.v3) reads it and builds the
 * {@link IngressModel}: the merged {@code originRequest} of every rule, the parsed services, the source
 * location of each rule, and load findings for unknown keys, credentials and CA pools.
 *
 * <p>Files larger than {@value YamlReader#MAX_BYTES} bytes, binary files, alias bombs and deep nesting
 * are refused with a {@code CONFIG_YAML_INVALID} {@link ConfigException}.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
  private static final List<String> FILE_NAMES = List.of("config.yml", "config.yaml");

  private ConfigLoader() {}

  /** Reads and interprets the config file at {@code file}. */
  public static IngressModel load(Path file) throws ConfigException {
    return load(file, userHome());
  }

  static IngressModel load(Path file, Path home) throws ConfigException {
    String label = file.toString();
    try {
      if (Files.isDirectory(file)) {
        throw ConfigFindings.notFound(label, label + " is a directory, not a config file",
            "pass the config file itself, e.g. " + file.resolve("config.yml"));
      }
      long size = Files.size(file);
      if (size > YamlReader.MAX_BYTES) {
        throw ConfigFindings.syntax(label, new YamlReader.SyntaxException(
            "the file is " + size + " bytes; tunnel-diagnostics reads config files up to " + YamlReader.MAX_BYTES
                + " bytes (4 MiB), and a real cloudflared config is a few KiB", 0, 0));
      }
      byte[] bytes = Files.readAllBytes(file);
      String text;
      try {
        text = YamlReader.decodeUtf8(bytes);
      } catch (YamlReader.SyntaxException e) {
        throw ConfigFindings.syntax(label, e);
      }
      return parse(text, file, home);
    } catch (NoSuchFileException e) {
      throw ConfigFindings.notFound(label, "no config file exists at " + label,
          "create it, or pass the path cloudflared uses (its --config flag, or the first of ~/.cloudflared/config.yml,"
              + " ~/.cloudflare-warp/config.yml, ~/cloudflare-warp/config.yml, /etc/cloudflared/config.yml, /usr/local/etc/cloudflared/config.yml)");
    } catch (AccessDeniedException e) {
      throw ConfigFindings.notFound(label, "the config file " + label + " cannot be read: permission denied",
          "run as the user cloudflared runs as, or make the file readable (chmod o+r " + label + ")");
    } catch (IOException e) {
      throw ConfigFindings.notFound(label, "the config file " + label + " cannot be read: " + e.getClass().getSimpleName(),
          "check that " + label + " is a readable file");
    }
  }

  /**
   * Interprets config text; {@code file} names it in messages and anchors relative paths ({@code caPool},
   * {@code credentials-file}).
   */
  public static IngressModel parse(String yamlText, Path file) throws ConfigException {
    return parse(yamlText, file, userHome());
  }

  static IngressModel parse(String yamlText, Path file, Path home) throws ConfigException {
    return parse(yamlText, file, home, defaultDirectories(home));
  }

  static IngressModel parse(String yamlText, Path file, Path home, List<Path> searchDirectories) throws ConfigException {
    String label = file.toString();
    Optional<Node> root;
    try {
      root = YamlReader.compose(yamlText, label);
    } catch (YamlReader.SyntaxException e) {
      throw ConfigFindings.syntax(label, e);
    }
    if (root.isEmpty()) {
      LOG.warn("Configuration file {} was empty", label);
    }
    ConfigDecoder.RawConfig raw;
    try {
      raw = ConfigDecoder.decode(root, ConfigDecoder.Dialect.YAML, label);
    } catch (ConfigDecoder.DecodeException e) {
      throw ConfigFindings.typeErrors(label, e.problems());
    }
    Path directory = file.toAbsolutePath().getParent();
    IngressModel model = build(ConfigSource.file(file), raw, List.of());
    List<Finding> findings = new ArrayList<>(raw.warnings());
    findings.addAll(CaPoolInspector.inspect(model.originRequest(), model.rules(), directory, home, label, raw.locationOf("originRequest.caPool", label)));
    findings.addAll(CredentialsInspector.inspect(raw, directory, home, searchDirectories, label));
    return model.toBuilder().loadFindings(findings).build();
  }

  /** Builds the model: top-level overrides over the defaults, each rule's overrides over those. */
  static IngressModel build(ConfigSource source, ConfigDecoder.RawConfig raw, List<Finding> findings) {
    OriginRequest top = OriginRequest.DEFAULTS.merge(raw.originRequest());
    List<IngressRule> rules = new ArrayList<>(raw.rules().size());
    for (ConfigDecoder.RawRule rule : raw.rules()) {
      OriginRequest effective = top.merge(rule.overrides());
      rules.add(IngressRule.builder().index(rules.size()).hostname(rule.hostname()).path(rule.path()).service(rule.service()).originRequest(effective).overrides(rule.overrides()).location(rule.location()).build());
    }
    return IngressModel.builder().source(source).tunnel(raw.tunnel()).originRequest(top).rules(rules).warpRouting(raw.warpRouting()).settings(raw.settings()).loadFindings(findings).build();
  }

  /** cloudflared's default config, searched under the current user's home directory. */
  public static Optional<Path> findDefault() {
    return findDefault(userHome());
  }

  /**
   * cloudflared's default search: {@code ~/.cloudflared}, {@code ~/.cloudflare-warp}, {@code
   * ~/cloudflare-warp}, {@code /etc/cloudflared}, {@code /usr/local/etc/cloudflared}; in each,
   * {@code config.yml} then {@code config.yaml}; the first that exists wins.
   */
  public static Optional<Path> findDefault(Path home) {
    return findDefault(defaultDirectories(home));
  }

  static Optional<Path> findDefault(List<Path> directories) {
    for (Path directory : directories) {
      for (String name : FILE_NAMES) {
        Path candidate = directory.resolve(name);
        if (Files.exists(candidate) && !Files.isDirectory(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** The directories cloudflared searches for config and credentials files. */
  static List<Path> defaultDirectories(Path home) {
    List<Path> directories = new ArrayList<>(List.of(home.resolve(".cloudflared"), home.resolve(".cloudflare-warp"), home.resolve("cloudflare-warp")));
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
      directories.add(Path.of("/etc/cloudflared"));
      directories.add(Path.of("/usr/local/etc/cloudflared"));
    }
    return directories;
  }

  private static Path userHome() {
    @Nullable String home = System.getProperty("user.home");
    return Path.of(home == null || home.isEmpty() ? "." : home);
  }
}
