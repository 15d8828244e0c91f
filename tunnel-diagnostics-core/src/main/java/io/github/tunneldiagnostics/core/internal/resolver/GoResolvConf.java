package io.github.tunneldiagnostics.core.internal.resolver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code resolv.conf} as Go's pure resolver reads it ({@code net/dnsconfig_unix.go}): at most three
 * {@code nameserver} lines that are IP literals (else {@code 127.0.0.1:53} and {@code [::1]:53}),
 * {@code search} / {@code domain} (rooted; else the domain of this host's name), and the options Go
 * knows ({@code ndots} 0–15, default 1; {@code timeout} ≥ 1 s, default 5 s; {@code attempts} ≥ 1,
 * default 2; {@code rotate}; {@code single-request}; {@code use-vc}).
 *
 * @param path where it was read from, for evidence
 * @param servers the name servers, in order
 * @param search the rooted search domains
 * @param ndots names with at least this many dots are tried as-is first
 * @param timeout per query
 * @param attempts rounds over the servers
 * @param rotate whether queries start at a rotating server
 * @param singleRequest whether A and AAAA are asked one after the other
 * @param useTcp whether queries go over TCP
 * @param readError why the file could not be read (Go then uses the defaults), or null
 */
public record GoResolvConf(
    Path path,
    List<InetSocketAddress> servers,
    List<String> search,
    int ndots,
    Duration timeout,
    int attempts,
    boolean rotate,
    boolean singleRequest,
    boolean useTcp,
    @Nullable String readError) {

  public GoResolvConf {
    Objects.requireNonNull(path, "path");
    servers = List.copyOf(servers);
    search = List.copyOf(search);
    Objects.requireNonNull(timeout, "timeout");
  }

  static final List<InetSocketAddress> DEFAULT_SERVERS = List.of(
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 53),
      new InetSocketAddress(ipv6Loopback(), 53));

  /**
   * Reads the file; when it is missing or unreadable, Go's defaults (and the reason, in {@link #readError}).
   *
   * @param hostname this machine's name, whose domain is the default search domain
   */
  public static GoResolvConf read(Path path, String hostname) {
    try {
      return parse(path, GoSystemFile.readLines(path), hostname);
    } catch (NoSuchFileException e) {
      return defaults(path, hostname, "no such file");
    } catch (IOException e) {
      return defaults(path, hostname, String.valueOf(e.getMessage()));
    }
  }

  private static GoResolvConf defaults(Path path, String hostname, String why) {
    return new GoResolvConf(path, DEFAULT_SERVERS, defaultSearch(hostname), 1, Duration.ofSeconds(5), 2, false, false, false, why);
  }

  static GoResolvConf parse(Path path, List<String> lines, String hostname) {
    List<InetSocketAddress> servers = new ArrayList<>();
    List<String> search = null;
    int ndots = 1;
    Duration timeout = Duration.ofSeconds(5);
    int attempts = 2;
    boolean rotate = false;
    boolean singleRequest = false;
    boolean useTcp = false;
    for (String line : lines) {
      if (!line.isEmpty() && (line.charAt(0) == ';' || line.charAt(0) == '#')) {
        continue;
      }
      List<String> f = GoSystemFile.fields(line);
      if (f.isEmpty()) {
        continue;
      }
      switch (f.get(0)) {
        case "nameserver" -> {
          if (f.size() > 1 && servers.size() < 3) {
            InetAddress address = GoIp.parse(f.get(1));
            if (address != null) {
              servers.add(new InetSocketAddress(address, 53));
            }
          }
        }
        case "domain" -> {
          if (f.size() > 1) {
            search = List.of(rooted(f.get(1)));
          }
        }
        case "search" -> {
          search = new ArrayList<>();
          for (String name : f.subList(1, f.size())) {
            String domain = rooted(name);
            if (!domain.equals(".")) {
              search.add(domain);
            }
          }
        }
        case "options" -> {
          for (String option : f.subList(1, f.size())) {
            if (option.startsWith("ndots:")) {
              ndots = Math.max(0, Math.min(15, leadingNumber(option.substring(6))));
            } else if (option.startsWith("timeout:")) {
              timeout = Duration.ofSeconds(Math.max(1, leadingNumber(option.substring(8))));
            } else if (option.startsWith("attempts:")) {
              attempts = Math.max(1, leadingNumber(option.substring(9)));
            } else if (option.equals("rotate")) {
              rotate = true;
            } else if (option.equals("single-request") || option.equals("single-request-reopen")) {
              singleRequest = true;
            } else if (option.equals("use-vc") || option.equals("usevc") || option.equals("tcp")) {
              useTcp = true;
            }
          }
        }
        default -> {
          // Go notes unknown lines but, built without cgo as cloudflared is, resolves the same way
        }
      }
    }
    return new GoResolvConf(
        path,
        servers.isEmpty() ? DEFAULT_SERVERS : servers,
        search == null || search.isEmpty() ? defaultSearch(hostname) : search,
        ndots, timeout, attempts, rotate, singleRequest, useTcp, null);
  }

  /** Go's {@code dtoi}: the leading decimal digits, 0 when there are none, capped at 0xFFFFFF. */
  private static int leadingNumber(String text) {
    int n = 0;
    for (int i = 0; i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128; i++) {
      n = n * 10 + (text.charAt(i) - '0');
      if (n >= 0xFFFFFF) {
        return 0xFFFFFF;
      }
    }
    return n;
  }

  private static List<String> defaultSearch(String hostname) {
    int dot = hostname.indexOf('.');
    if (dot >= 0 && dot < hostname.length() - 1) {
      return List.of(rooted(hostname.substring(dot + 1)));
    }
    return List.of();
  }

  static String rooted(String name) {
    return name.endsWith(".") ? name : name + ".";
  }

  /**
   * Go's {@code nameList}: the fully qualified names tried for {@code name}, in order. A rooted name is
   * tried alone; a name with at least {@link #ndots} dots is tried as-is before the search domains,
   * otherwise after them; {@code .onion} names and names over 254 bytes are never sent.
   */
  public List<String> nameList(String name) {
    int length = name.length();
    boolean isRooted = length > 0 && name.charAt(length - 1) == '.';
    if (length > 254 || (length == 254 && !isRooted)) {
      return List.of();
    }
    if (isRooted) {
      return avoidDns(name) ? List.of() : List.of(name);
    }
    boolean hasNdots = name.chars().filter(c -> c == '.').count() >= ndots;
    String absolute = name + ".";
    List<String> names = new ArrayList<>();
    if (hasNdots && !avoidDns(absolute)) {
      names.add(absolute);
    }
    for (String suffix : search) {
      String fqdn = absolute + suffix;
      if (!avoidDns(fqdn) && fqdn.length() <= 254) {
        names.add(fqdn);
      }
    }
    if (!hasNdots && !avoidDns(absolute)) {
      names.add(absolute);
    }
    return names;
  }

  private static boolean avoidDns(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".")) {
      lower = lower.substring(0, lower.length() - 1);
    }
    return lower.endsWith(".onion");
  }

  private static InetAddress ipv6Loopback() {
    InetAddress address = GoIp.parse("::1");
    if (address == null) {
      throw new IllegalStateException("::1 does not parse");
    }
    return address;
  }
}
