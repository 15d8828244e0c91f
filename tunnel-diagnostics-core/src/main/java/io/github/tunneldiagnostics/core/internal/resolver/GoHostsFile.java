package io.github.tunneldiagnostics.core.internal.resolver;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hosts file read as Go's pure resolver reads it ({@code net/hosts.go}): {@code #} starts a comment, a
 * line needs an IP literal and at least one name, names are matched case-insensitively, and a name's
 * addresses are kept in file order (the RFC 6724 sort comes afterwards, see {@link GoAddressSelection}).
 *
 * @param path where it was read from, for evidence
 * @param byName addresses per key ({@link #key}), in file order
 */
public record GoHostsFile(Path path, Map<String, List<InetAddress>> byName) {

  public GoHostsFile {
    Map<String, List<InetAddress>> copy = new LinkedHashMap<>();
    byName.forEach((name, addresses) -> copy.put(name, List.copyOf(addresses)));
    byName = java.util.Collections.unmodifiableMap(copy);
  }

  /** A hosts file that does not exist: Go then finds nothing there and asks DNS. */
  public static GoHostsFile missing(Path path) {
    return new GoHostsFile(path, Map.of());
  }

  /**
   * Reads the file; a missing file is an empty one, as for Go.
   *
   * @throws IOException when it exists but cannot be read (not a regular file, too large, no permission)
   */
  public static GoHostsFile read(Path path) throws IOException {
    try {
      return parse(path, GoSystemFile.readLines(path));
    } catch (NoSuchFileException e) {
      return missing(path);
    }
  }

  static GoHostsFile parse(Path path, List<String> lines) {
    Map<String, List<InetAddress>> byName = new LinkedHashMap<>();
    for (String raw : lines) {
      int hash = raw.indexOf('#');
      String line = hash >= 0 ? raw.substring(0, hash) : raw;
      List<String> fields = GoSystemFile.fields(line);
      if (fields.size() < 2) {
        continue;
      }
      InetAddress address = GoIp.parse(fields.get(0));
      if (address == null) {
        continue;
      }
      for (String name : fields.subList(1, fields.size())) {
        byName.computeIfAbsent(key(name), k -> new ArrayList<>()).add(address);
      }
    }
    return new GoHostsFile(path, byName);
  }

  /** The addresses listed for {@code host}, in file order; empty when it is not listed. */
  public List<InetAddress> lookup(String host) {
    return byName.getOrDefault(key(host), List.of());
  }

  /**
   * Go's key: lower-cased ASCII, and {@code absDomainName}, which adds a trailing dot only to a name that
   * already contains one ({@code app.local} and {@code app.local.} are the same key; {@code localhost} and
   * {@code localhost.} are not).
   */
  static String key(String name) {
    StringBuilder lower = new StringBuilder(name.length() + 1);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    String key = lower.toString();
    if (key.indexOf('.') >= 0 && !key.endsWith(".")) {
      key += ".";
    }
    return key;
  }

  @Override
  public String toString() {
    return "GoHostsFile[" + path + ", " + byName.size() + " names]";
  }
}
