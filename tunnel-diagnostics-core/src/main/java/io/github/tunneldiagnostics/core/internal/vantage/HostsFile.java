package io.github.tunneldiagnostics.core.internal.vantage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A hosts(5) file as Go reads it ({@code net/hosts.go}): names compared case-insensitively, every
 * address of a name in file order, a trailing dot ignored, IPv6 zones dropped.
 */
public final class HostsFile {
  private final Map<String, List<InetAddress>> byName;

  private HostsFile(Map<String, List<InetAddress>> byName) {
    this.byName = byName;
  }

  /** An empty file. */
  public static HostsFile empty() {
    return new HostsFile(Map.of());
  }

  /** Parses the text; lines with an address Go would not parse are skipped. */
  public static HostsFile parse(String text) {
    Map<String, List<InetAddress>> map = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length < 2) {
        continue;
      }
      String literal = f[0];
      int zone = literal.indexOf('%');
      if (zone >= 0) {
        literal = literal.substring(0, zone);
      }
      InetAddress address = literalAddress(literal);
      if (address == null) {
        continue;
      }
      for (int i = 1; i < f.length; i++) {
        String name = key(f[i]);
        List<InetAddress> list = map.computeIfAbsent(name, k -> new ArrayList<>());
        if (!list.contains(address)) {
          list.add(address);
        }
      }
    }
    Map<String, List<InetAddress>> frozen = new LinkedHashMap<>();
    map.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new HostsFile(frozen);
  }

  private static String key(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** The address of an IP literal, never a lookup; null when {@code text} is not one. */
  public static java.net.@org.jspecify.annotations.Nullable InetAddress literalAddress(String text) {
    boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = text.contains(":") && text.matches("[0-9a-fA-F:.]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      if (v4) {
        for (String part : text.split("\\.")) {
          if (Integer.parseInt(part) > 255) {
            return null;
          }
        }
      }
      return InetAddress.getByName(text);
    } catch (UnknownHostException | NumberFormatException e) {
      return null;
    }
  }

  /** The addresses of {@code name} in file order, empty when it is not listed. */
  public List<InetAddress> lookup(String name) {
    return byName.getOrDefault(key(name), List.of());
  }

  /** True when the file lists {@code name}. */
  public boolean contains(String name) {
    return byName.containsKey(key(name));
  }
}
