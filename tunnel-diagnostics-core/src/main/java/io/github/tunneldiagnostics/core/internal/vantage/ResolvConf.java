package io.github.tunneldiagnostics.core.internal.vantage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a {@code resolv.conf} Go's pure resolver uses (resolv.conf(5), Go {@code
 * net/dnsconfig_unix.go}): up to three nameservers, the search list and {@code ndots} (default 1), plus
 * the per-query timeout and attempts.
 *
 * @param nameservers the servers, as written (an IPv6 address without brackets)
 * @param search the search domains, without a trailing dot
 * @param ndots dots a name needs to be tried as-is first
 * @param timeoutSeconds {@code options timeout:} (default 5)
 * @param attempts {@code options attempts:} (default 2)
 */
public record ResolvConf(List<String> nameservers, List<String> search, int ndots, int timeoutSeconds, int attempts) {
  /** What Go uses when resolv.conf is missing: localhost, no search list. */
  public static final ResolvConf MISSING = new ResolvConf(List.of("127.0.0.1", "::1"), List.of(), 1, 5, 2);

  public ResolvConf {
    nameservers = List.copyOf(nameservers);
    search = List.copyOf(search);
  }

  /** Parses the file's text; unknown lines are ignored like Go does. */
  public static ResolvConf parse(String text) {
    List<String> servers = new ArrayList<>();
    List<String> search = new ArrayList<>();
    int ndots = 1;
    int timeout = 5;
    int attempts = 2;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      String[] f = line.split("\\s+");
      switch (f[0]) {
        case "nameserver" -> {
          if (f.length > 1 && servers.size() < 3 && isIp(f[1])) {
            servers.add(f[1]);
          }
        }
        case "domain" -> {
          if (f.length > 1) {
            search.clear();
            search.add(trimDot(f[1]));
          }
        }
        case "search" -> {
          search.clear();
          for (int i = 1; i < f.length; i++) {
            if (!f[i].equals(".")) {
              search.add(trimDot(f[i]));
            }
          }
        }
        case "options" -> {
          for (int i = 1; i < f.length; i++) {
            String o = f[i];
            if (o.startsWith("ndots:")) {
              ndots = Math.min(15, Math.max(0, number(o.substring(6), 1)));
            } else if (o.startsWith("timeout:")) {
              timeout = Math.max(1, number(o.substring(8), 5));
            } else if (o.startsWith("attempts:")) {
              attempts = Math.max(1, number(o.substring(9), 2));
            }
          }
        }
        default -> {
          // ignored, as Go does
        }
      }
    }
    if (servers.isEmpty()) {
      servers.addAll(MISSING.nameservers());
    }
    return new ResolvConf(servers, search, ndots, timeout, attempts);
  }

  private static boolean isIp(String text) {
    return text.matches("[0-9.]+") || (text.contains(":") && text.matches("[0-9a-fA-F:.]+"));
  }

  private static int number(String text, int fallback) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String trimDot(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /**
   * The names tried for {@code name}, in Go's order: a rooted name only as-is; a name with at least
   * {@code ndots} dots as-is first, then with each search domain; otherwise the search domains first.
   */
  public List<String> candidates(String name) {
    List<String> out = new ArrayList<>();
    if (name.endsWith(".")) {
      out.add(name.substring(0, name.length() - 1));
      return out;
    }
    long dots = name.chars().filter(c -> c == '.').count();
    boolean asIsFirst = dots >= ndots;
    if (asIsFirst) {
      out.add(name);
    }
    for (String domain : search) {
      out.add(name + "." + domain);
    }
    if (!asIsFirst) {
      out.add(name);
    }
    return out;
  }

  /** True for Docker's embedded DNS ({@code 127.0.0.11}), which user-defined networks get. */
  public boolean usesDockerEmbeddedDns() {
    return nameservers.contains("127.0.0.11");
  }

  /** The Kubernetes namespace of the pod: the first label of the first {@code <ns>.svc.<domain>} search domain. */
  public java.util.Optional<String> kubernetesNamespace() {
    for (String domain : search) {
      int svc = domain.indexOf(".svc.");
      if (svc > 0 && domain.indexOf('.') == svc) {
        return java.util.Optional.of(domain.substring(0, svc));
      }
    }
    return java.util.Optional.empty();
  }
}
