package io.github.tunneldiagnostics.core.internal.resolver;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where Go's pure resolver looks a host name up, and in which order, from the {@code hosts:} line of
 * {@code nsswitch.conf} ({@code net/conf.go} {@code lookupOrder}, for a binary built without cgo, as
 * cloudflared's Linux releases are): no file or no {@code hosts:} line means the hosts file, then DNS.
 * {@code files} and {@code dns} are kept in their order; any other source ({@code myhostname},
 * {@code mdns4_minimal}, {@code resolve} ...) counts as DNS when no {@code dns} source is listed.
 */
public enum GoLookupOrder {
  FILES_DNS("the hosts file, then DNS"),
  DNS_FILES("DNS, then the hosts file"),
  FILES("the hosts file only"),
  DNS("DNS only");

  private final String description;

  GoLookupOrder(String description) {
    this.description = description;
  }

  /** E.g. "the hosts file, then DNS". */
  public String description() {
    return description;
  }

  boolean filesFirst() {
    return this == FILES_DNS || this == FILES;
  }

  boolean usesFiles() {
    return this != DNS;
  }

  boolean usesDns() {
    return this != FILES;
  }

  /** The order {@code nsswitch.conf} at {@code path} gives; a missing or unreadable file gives {@link #FILES_DNS}. */
  public static GoLookupOrder read(Path path) {
    try {
      return parse(GoSystemFile.readLines(path));
    } catch (NoSuchFileException e) {
      return FILES_DNS;
    } catch (IOException e) {
      return FILES_DNS; // Go: fallbackOrder, which is files-then-DNS without cgo
    }
  }

  static GoLookupOrder parse(List<String> lines) {
    List<String> sources = hostsSources(lines);
    if (sources.isEmpty()) {
      return FILES_DNS;
    }
    boolean files = false;
    boolean dns = false;
    boolean hasDnsSource = sources.contains("dns");
    String first = "";
    for (String source : sources) {
      if (source.equals("files") || source.equals("dns")) {
        files |= source.equals("files");
        dns |= source.equals("dns");
        if (first.isEmpty()) {
          first = source;
        }
        continue;
      }
      if (!hasDnsSource) {
        dns = true;
        if (first.isEmpty()) {
          first = "dns";
        }
      }
    }
    if (files && dns) {
      return first.equals("files") ? FILES_DNS : DNS_FILES;
    }
    if (files) {
      return FILES;
    }
    return dns ? DNS : FILES_DNS;
  }

  /** The sources of the last {@code hosts:} line (criteria such as {@code [NOTFOUND=return]} dropped). */
  private static List<String> hostsSources(List<String> lines) {
    List<String> sources = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.strip();
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      int colon = line.indexOf(':');
      if (colon < 0 || !line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("hosts")) {
        continue;
      }
      sources = new ArrayList<>();
      String rest = line.substring(colon + 1).replaceAll("\\[[^\\]]*\\]", " ");
      for (String source : GoSystemFile.fields(rest)) {
        sources.add(source.toLowerCase(Locale.ROOT));
      }
    }
    return sources;
  }
}
