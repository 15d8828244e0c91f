package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import java.io.IOException;
import io.github.tunneldiagnostics.core.internal.files.BoundedFile;
import io.github.tunneldiagnostics.core.internal.files.FileKind;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Finds and checks the tunnel credentials the way cloudflared does (cloudflared-semantics.md §h):
 * {@code credentials-contents}, else {@code credentials-file}, else {@code <uuid>.json} next to
 * {@code origincert} and in the default directories. Never puts the secret in a finding.
 */
final class CredentialsInspector {
  private static final Pattern UUID_FORM =
      Pattern.compile("(?i)(urn:uuid:)?\\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}}?");
  private static final long MAX_CREDENTIALS_BYTES = 1024 * 1024;
  private static final String INVALID_JSON = "Invalid JSON when parsing tunnel credentials file";

  private final ConfigDecoder.RawConfig config;
  private final @Nullable Path configDirectory;
  private final Path home;
  private final List<Path> defaultDirectories;
  private final String file;

  private CredentialsInspector(
      ConfigDecoder.RawConfig config, @Nullable Path configDirectory, Path home, List<Path> defaultDirectories, String file) {
    this.config = config;
    this.configDirectory = configDirectory;
    this.home = home;
    this.defaultDirectories = defaultDirectories;
    this.file = file;
  }

  static List<Finding> inspect(
      ConfigDecoder.RawConfig config, @Nullable Path configDirectory, Path home, List<Path> defaultDirectories, String file) {
    return new CredentialsInspector(config, configDirectory, home, defaultDirectories, file).inspect();
  }

  static boolean isUuid(@Nullable String value) {
    return value != null && UUID_FORM.matcher(value).matches();
  }

  /** Go's uuid.Parse forms normalised to the canonical lower-case form. */
  static @Nullable String canonicalUuid(String value) {
    if (!isUuid(value)) {
      return null;
    }
    String hex = value.toLowerCase(Locale.ROOT).replace("urn:uuid:", "").replaceAll("[{}-]", "");
    return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
  }

  private List<Finding> inspect() {
    Map<String, String> settings = config.settings();
    if (config.tokenSet() || has(settings, "token-file")) {
      return List.of(); // a token replaces the credentials file
    }
    if (config.credentialsContents() != null && !config.credentialsContents().isBlank()) {
      return parse(config.credentialsContents(), "credentials-contents", "credentials-contents in " + file, null);
    }
    String credentialsFile = has(settings, "credentials-file") ? settings.get("credentials-file")
        : has(settings, "cred-file") ? settings.get("cred-file") : null;
    if (credentialsFile != null) {
      Optional<PathResolution> resolution = PathResolution.of(credentialsFile, configDirectory, home, true);
      if (resolution.isEmpty()) {
        return List.of(missing(credentialsFile, null, null));
      }
      FileKind kind;
      try {
        kind = FileKind.of(resolution.get().resolved());
      } catch (NoSuchFileException e) {
        return List.of(missing(credentialsFile, resolution.get(), null));
      } catch (IOException e) {
        return read(resolution.get()); // reading says what is wrong
      }
      if (kind != FileKind.REGULAR) {
        return List.of(missing(credentialsFile, resolution.get(), kind));
      }
      return read(resolution.get());
    }
    String tunnel = config.tunnel();
    if (tunnel == null || !isUuid(tunnel)) {
      return List.of(); // a tunnel name is resolved through the API with cert.pem; nothing to check offline
    }
    List<Path> searched = new ArrayList<>();
    String name = canonicalUuid(tunnel) + ".json";
    String originCert = settings.get("origincert");
    if (originCert != null && !originCert.isEmpty()) {
      PathResolution.of(originCert, configDirectory, home, true)
          .map(r -> r.resolved().getParent())
          .ifPresent(searched::add);
    }
    searched.addAll(defaultDirectories);
    for (Path directory : searched) {
      Path candidate = directory.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return read(new PathResolution(candidate.toString(), candidate, false));
      }
    }
    List<String> tried = searched.stream().map(d -> d.resolve(name).toString()).distinct().toList();
    return List.of(
        Finding.error(FindingCode.CREDENTIALS_MISSING)
            .check(ConfigFindings.CREDENTIALS)
            .subject(config.locationOf("tunnel", file))
            .message("no credentials file " + name + " for tunnel " + tunnel + " was found next to origincert or in cloudflared's default directories, so cloudflared cannot run the tunnel")
            .remediation("set credentials-file: /path/to/" + name + " in " + file
                + " (the file `cloudflared tunnel create` wrote), or run the tunnel with a token (cloudflared tunnel run --token ...)")
            .evidence("source", "config")
            .evidence("tunnel", tunnel)
            .evidence("searched", String.join(", ", tried))
            .evidence("expectedFile", name)
            .evidence(ConnectorHostFiles.NEEDED_ON, ConnectorHostFiles.CONNECTOR_HOST)
            .evidence("cloudflaredMessage", "tunnel credentials file not found")
            .build());
  }

  /** Where the credentials file is named: the credentials-file (or cred-file) key, else the tunnel key. */
  private String credentialsSubject() {
    return config.locationOf("credentials-file", config.locationOf("cred-file", config.locationOf("tunnel", file)));
  }

  private static boolean has(Map<String, String> settings, String key) {
    String value = settings.get(key);
    return value != null && !value.isEmpty();
  }

  private Finding missing(String written, @Nullable PathResolution resolution, @Nullable FileKind kind) {
    String problem = kind == null
        ? "does not exist or is not a file"
        : "is " + kind.description() + ", not a regular file (it was not opened)";
    Finding.Builder finding =
        Finding.error(FindingCode.CREDENTIALS_MISSING)
            .check(ConfigFindings.CREDENTIALS)
            .subject(credentialsSubject())
            .message("the credentials file " + written + " named by credentials-file " + problem + ", so cloudflared cannot run the tunnel")
            .remediation("point credentials-file at the <tunnel-uuid>.json that `cloudflared tunnel create` wrote (an absolute path),"
                + " or recreate it with `cloudflared tunnel token --cred-file <path> <tunnel>`")
            .evidence("source", "config")
            .evidence("credentialsFile", written)
            .evidence("cloudflaredMessage", "Tunnel credentials file '" + written + "' doesn't exist or is not a file");
    if (kind == null && resolution != null) {
      finding.evidence(ConnectorHostFiles.NEEDED_ON, ConnectorHostFiles.CONNECTOR_HOST);
    }
    if (resolution != null) {
      finding.evidence("resolvedPath", resolution.resolved().toString());
      if (resolution.relative()) {
        finding.evidence("relativePath", PathResolution.RELATIVE_NOTE);
      }
    }
    return finding.build();
  }

  private List<Finding> read(PathResolution resolution) {
    Path path = resolution.resolved();
    try {
      byte[] bytes;
      try {
        bytes = BoundedFile.read(path, MAX_CREDENTIALS_BYTES);
      } catch (BoundedFile.FileTooLargeException e) {
        return List.of(invalid(resolution.written(), resolution, "is larger than 1 MiB, so it is not a tunnel credentials file", INVALID_JSON));
      }
      String text;
      try {
        text = YamlReader.decodeUtf8(bytes);
      } catch (YamlReader.SyntaxException e) {
        return List.of(invalid(resolution.written(), resolution, "is not UTF-8 JSON text", INVALID_JSON));
      }
      return parse(text, resolution.written(), resolution.written(), resolution);
    } catch (IOException e) {
      return List.of(invalid(resolution.written(), resolution, "cannot be read (" + e.getClass().getSimpleName() + ")",
          "open " + resolution.written() + ": permission denied"));
    }
  }

  private List<Finding> parse(String text, String written, String subject, @Nullable PathResolution resolution) {
    String trimmed = text.strip();
    Optional<Node> root;
    try {
      root = trimmed.startsWith("{") ? YamlReader.compose(trimmed, subject) : Optional.empty();
    } catch (YamlReader.SyntaxException e) {
      root = Optional.empty();
    }
    if (root.isEmpty() || !(root.get() instanceof MappingNode mapping)) {
      return List.of(invalid(written, resolution, "is not a JSON object like {\"AccountTag\":..,\"TunnelSecret\":..,\"TunnelID\":..}", INVALID_JSON));
    }
    ScalarNode secret = null;
    ScalarNode tunnelId = null;
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        continue;
      }
      String name = key.getValue().toLowerCase(Locale.ROOT); // Go's encoding/json matches keys case-insensitively
      Node value = tuple.getValueNode();
      switch (name) {
        case "tunnelsecret", "tunnelid", "accounttag", "endpoint" -> {
          if (!(value instanceof ScalarNode scalar) || !isJsonStringOrNull(scalar)) {
            String field = name.equals("tunnelsecret") ? "TunnelSecret" : name.equals("tunnelid") ? "TunnelID" : name.equals("accounttag") ? "AccountTag" : "Endpoint";
            String goType = field.equals("TunnelSecret") ? "[]uint8" : field.equals("TunnelID") ? "uuid.UUID" : "string";
            return List.of(invalid(written, resolution, "has a " + field + " that is not a JSON string",
                "json: cannot unmarshal " + jsonKind(value) + " into Go struct field Credentials." + field + " of type " + goType));
          }
          if (name.equals("tunnelsecret")) {
            secret = scalar;
          } else if (name.equals("tunnelid")) {
            tunnelId = scalar;
          }
        }
        default -> {
          // Go ignores unknown fields
        }
      }
    }
    if (secret == null || isNull(secret) || secret.getValue().isEmpty()) {
      return List.of(invalid(written, resolution, "has no TunnelSecret", INVALID_JSON));
    }
    if (!isBase64(secret.getValue())) {
      return List.of(invalid(written, resolution, "has a TunnelSecret that is not valid base64", "illegal base64 data in TunnelSecret"));
    }
    if (tunnelId != null && !isNull(tunnelId) && !tunnelId.getValue().isEmpty()) {
      String fileId = canonicalUuid(tunnelId.getValue());
      if (fileId == null) {
        return List.of(invalid(written, resolution, "has a TunnelID that is not a UUID: " + tunnelId.getValue(),
            "invalid UUID length: " + tunnelId.getValue().length()));
      }
      String configId = config.tunnel() == null ? null : canonicalUuid(config.tunnel());
      if (configId != null && !configId.equals(fileId)) {
        Finding.Builder finding =
            Finding.error(FindingCode.TUNNEL_ID_MISMATCH)
                .check(ConfigFindings.CREDENTIALS)
                .subject(config.locationOf("tunnel", file))
                .message("the config's tunnel: " + config.tunnel() + " differs from the TunnelID " + tunnelId.getValue() + " in " + written
                    + "; cloudflared silently uses the config's ID with this file's secret and the edge rejects the connection")
                .remediation("set tunnel: " + tunnelId.getValue() + " in " + file + ", or point credentials-file at " + configId + ".json")
                .evidence("source", "config")
                .evidence("configTunnel", config.tunnel())
                .evidence("fileTunnelID", tunnelId.getValue())
                .evidence("credentialsFile", written);
        if (resolution != null) {
          finding.evidence("resolvedPath", resolution.resolved().toString());
        }
        return List.of(finding.build());
      }
    }
    return List.of();
  }

  private static boolean isJsonStringOrNull(ScalarNode scalar) {
    return scalar.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED || isNull(scalar);
  }

  private static boolean isNull(ScalarNode scalar) {
    return scalar.getScalarStyle() == ScalarStyle.PLAIN && scalar.getValue().equals("null");
  }

  private static String jsonKind(Node node) {
    if (node instanceof ScalarNode scalar) {
      String v = scalar.getValue();
      return v.equals("true") || v.equals("false") ? "bool" : "number";
    }
    return node instanceof MappingNode ? "object" : "array";
  }

  /** Go's {@code base64.StdEncoding}: padded, newlines ignored. */
  private static boolean isBase64(String value) {
    String compact = value.replace("\r", "").replace("\n", "");
    if (compact.length() % 4 != 0) {
      return false;
    }
    try {
      Base64.getDecoder().decode(compact);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Finding invalid(String written, @Nullable PathResolution resolution, String problem, String cloudflaredMessage) {
    String what = written.equals("credentials-contents") ? "credentials-contents" : "the credentials file " + written;
    Finding.Builder finding =
        Finding.error(FindingCode.CREDENTIALS_INVALID)
            .check(ConfigFindings.CREDENTIALS)
            .subject(written.equals("credentials-contents") ? config.locationOf("credentials-contents", file) : credentialsSubject())
            .message(what + " " + problem + ", so cloudflared cannot authenticate the tunnel")
            .remediation("use the <tunnel-uuid>.json written by `cloudflared tunnel create`, or download a fresh one with"
                + " `cloudflared tunnel token --cred-file <path> <tunnel>`; check that credentials-file does not point at cert.pem or config.yml")
            .evidence("source", "config")
            .evidence("credentialsFile", written)
            .evidence("cloudflaredMessage", cloudflaredMessage);
    if (resolution != null) {
      finding.evidence("resolvedPath", resolution.resolved().toString());
      if (resolution.relative()) {
        finding.evidence("relativePath", PathResolution.RELATIVE_NOTE);
      }
    }
    return finding.build();
  }
}
