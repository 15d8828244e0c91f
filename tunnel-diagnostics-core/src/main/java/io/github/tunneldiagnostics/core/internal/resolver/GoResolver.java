package io.github.tunneldiagnostics.core.internal.resolver;

import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a host name the way cloudflared's pure-Go resolver does ({@code net/dnsclient_unix.go}
 * {@code goLookupIPCNAMEOrder}; cloudflared's Linux builds have cgo disabled): IP literals as themselves;
 * then, in the order {@code nsswitch.conf} gives, the hosts file (a name's addresses in file order) and DNS
 * (the {@code resolv.conf} servers, search list and {@code ndots}, A and AAAA); and the result sorted by
 * {@link GoAddressSelection RFC 6724} as Go sorts it. The files are injectable, so that the connector's
 * own files (read through {@code /proc/<pid>/root}) can be used; the defaults are this machine's.
 *
 * <p>Thread-safe. The files are re-read when older than five seconds, as Go does.
 */
public final class GoResolver implements Resolver {
  private static final Duration CACHE = Duration.ofSeconds(5);

  /**
   * The files a resolver reads, and the host name whose domain is the default search domain.
   *
   * @param hosts the hosts file
   * @param resolvConf resolv.conf
   * @param nsswitch nsswitch.conf
   * @param hostname the machine's (or container's) host name
   */
  public record Files(Path hosts, Path resolvConf, Path nsswitch, String hostname) {
    public Files {
      Objects.requireNonNull(hosts, "hosts");
      Objects.requireNonNull(resolvConf, "resolvConf");
      Objects.requireNonNull(nsswitch, "nsswitch");
      Objects.requireNonNull(hostname, "hostname");
    }

    /** This machine's {@code /etc/hosts}, {@code /etc/resolv.conf}, {@code /etc/nsswitch.conf} and host name. */
    public static Files system() {
      return new Files(Path.of("/etc/hosts"), Path.of("/etc/resolv.conf"), Path.of("/etc/nsswitch.conf"), systemHostname());
    }

    /**
     * A container's files under its root directory (e.g. {@code /proc/<pid>/root}, with symlinks already
     * resolved inside that root by the caller), the host name read from its {@code etc/hostname}.
     */
    public static Files under(Path root) {
      return under(root, readHostname(root.resolve("etc/hostname")));
    }

    /** The same files under another root directory, e.g. a container's already-resolved {@code /proc/<pid>/root}. */
    public static Files under(Path root, String hostname) {
      return new Files(root.resolve("etc/hosts"), root.resolve("etc/resolv.conf"), root.resolve("etc/nsswitch.conf"), hostname);
    }
  }

  /**
   * One successful lookup.
   *
   * @param host the name asked for
   * @param addresses in the order Go returns (and cloudflared dials) them
   * @param found the addresses as the source listed them, before the RFC 6724 sort
   * @param source where they came from, e.g. {@code /etc/hosts} or {@code DNS 127.0.0.11:53 (app.)}
   * @param order the lookup order in force
   */
  public record Lookup(String host, List<InetAddress> addresses, List<InetAddress> found, String source, GoLookupOrder order) {
    public Lookup {
      addresses = List.copyOf(addresses);
      found = List.copyOf(found);
    }

    /** For evidence: e.g. {@code /etc/hosts lists 127.0.0.1, ::1; RFC 6724 order: ::1, 127.0.0.1}. */
    public String describe() {
      String listed = text(found);
      String sorted = text(addresses);
      if (source.equals("IP literal")) {
        return "an IP literal, not looked up";
      }
      return source + " gives " + listed + (listed.equals(sorted) ? "" : "; Go sorts them (RFC 6724): " + sorted);
    }

    private static String text(List<InetAddress> addresses) {
      return addresses.stream().map(GoNet::ipString).collect(Collectors.joining(", "));
    }
  }

  private final Files files;
  private final GoAddressSelection.SourceAddresses sources;
  private final Clock clock;
  private final GoDnsClient dns;
  private final AtomicInteger serverOffset = new AtomicInteger();
  private final int dnsPort;
  private @Nullable Snapshot snapshot;

  private record Snapshot(Instant read, GoHostsFile hosts, GoResolvConf conf, GoLookupOrder order, @Nullable String hostsError) {}

  private GoResolver(Files files, GoAddressSelection.SourceAddresses sources, Clock clock, int dnsPort) {
    this.files = files;
    this.dnsPort = dnsPort;
    this.sources = sources;
    this.clock = clock;
    this.dns = new GoDnsClient(clock);
  }

  /** This machine's files, source addresses from this network namespace. */
  public static GoResolver system() {
    return of(Files.system(), GoAddressSelection.SourceAddresses.kernel(), Clock.systemUTC());
  }

  public static GoResolver of(Files files, GoAddressSelection.SourceAddresses sources, Clock clock) {
    return new GoResolver(Objects.requireNonNull(files, "files"), Objects.requireNonNull(sources, "sources"), Objects.requireNonNull(clock, "clock"), 53);
  }

  /** For tests: name servers on another port than 53 (a loopback DNS server needs no privilege then). */
  static GoResolver withDnsPort(Files files, GoAddressSelection.SourceAddresses sources, Clock clock, int port) {
    return new GoResolver(files, sources, clock, port);
  }

  public Files files() {
    return files;
  }

  /** The resolv.conf in force (for evidence: servers, search list). */
  public GoResolvConf resolvConf() {
    return current().conf();
  }

  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    GoResolvConf conf = current().conf();
    // Go's own bound: every name of the search list, every attempt on every server
    Duration bound = conf.timeout().multipliedBy((long) conf.attempts() * conf.servers().size() * Math.max(1, conf.nameList(host).size()));
    return lookup(host, clock.instant().plus(bound)).addresses();
  }

  /**
   * Looks {@code host} up, within {@code deadline}.
   *
   * @throws GoLookupException with Go's error text when it does not resolve
   */
  public Lookup lookup(String host, Instant deadline) throws GoLookupException {
    InetAddress literal = GoIp.parse(host);
    if (literal != null) {
      return new Lookup(host, List.of(literal), List.of(literal), "IP literal", GoLookupOrder.FILES_DNS);
    }
    Snapshot now = current();
    GoLookupOrder order = now.order();
    if (order.filesFirst()) {
      Lookup fromFiles = fromHosts(host, now);
      if (fromFiles != null) {
        return fromFiles;
      }
      if (order == GoLookupOrder.FILES) {
        throw new GoLookupException(host, "", "no such host", false);
      }
    }
    if (!isDomainName(host)) {
      throw new GoLookupException(host, "", "no such host", false);
    }
    GoResolvConf conf = now.conf();
    List<InetAddress> found = new ArrayList<>();
    String answeredBy = "";
    GoDnsClient.Result lastError = null;
    for (String fqdn : conf.nameList(host)) {
      if (!clock.instant().isBefore(deadline)) {
        break;
      }
      int offset = conf.rotate() ? serverOffset.getAndIncrement() : 0;
      Map<Integer, GoDnsClient.Result> results = dns.lookup(conf, fqdn, List.of(GoDnsClient.TYPE_A, GoDnsClient.TYPE_AAAA), deadline, offset);
      for (GoDnsClient.Result result : results.values()) {
        if (result.error() != null) {
          if (lastError == null || fqdn.equals(host + ".")) {
            lastError = result;
          }
          continue;
        }
        found.addAll(result.addresses());
        answeredBy = "DNS " + result.server() + " (" + fqdn + ")";
      }
      if (!found.isEmpty()) {
        break;
      }
    }
    if (!found.isEmpty()) {
      return new Lookup(host, GoAddressSelection.sort(found, sources), found, answeredBy, order);
    }
    if (order == GoLookupOrder.DNS_FILES) {
      Lookup fromFiles = fromHosts(host, now);
      if (fromFiles != null) {
        return fromFiles;
      }
    }
    if (lastError == null) {
      throw new GoLookupException(host, "", "no such host", false);
    }
    throw new GoLookupException(host, lastError.server(), Objects.requireNonNull(lastError.error()), lastError.timedOut());
  }

  private @Nullable Lookup fromHosts(String host, Snapshot now) throws GoLookupException {
    if (now.hostsError() != null) {
      // Go treats an unreadable hosts file as an empty one; say so rather than hide it
      return null;
    }
    List<InetAddress> listed = now.hosts().lookup(host);
    if (listed.isEmpty()) {
      return null;
    }
    return new Lookup(host, GoAddressSelection.sort(listed, sources), listed, files.hosts().toString(), now.order());
  }

  /** Why the hosts file could not be read (Go then treats it as empty), or null. */
  public @Nullable String hostsError() {
    return current().hostsError();
  }

  private synchronized Snapshot current() {
    Instant now = clock.instant();
    if (snapshot != null && Duration.between(snapshot.read(), now).compareTo(CACHE) < 0) {
      return snapshot;
    }
    GoHostsFile hosts;
    String hostsError = null;
    try {
      hosts = GoHostsFile.read(files.hosts());
    } catch (IOException e) {
      hosts = GoHostsFile.missing(files.hosts());
      hostsError = e.getMessage();
    }
    GoResolvConf conf = GoResolvConf.read(files.resolvConf(), files.hostname());
    if (dnsPort != 53) {
      conf = new GoResolvConf(conf.path(), conf.servers().stream().map(s -> new java.net.InetSocketAddress(s.getAddress(), dnsPort)).toList(),
          conf.search(), conf.ndots(), conf.timeout(), conf.attempts(), conf.rotate(), conf.singleRequest(), conf.useTcp(), conf.readError());
    }
    snapshot = new Snapshot(now, hosts, conf, GoLookupOrder.read(files.nsswitch()), hostsError);
    return snapshot;
  }

  /** Go's {@code isDomainName}: what DNS may be asked about at all. */
  static boolean isDomainName(String s) {
    if (s.equals(".")) {
      return true;
    }
    int l = s.length();
    if (l == 0 || l > 254 || (l == 254 && s.charAt(l - 1) != '.')) {
      return false;
    }
    char last = '.';
    boolean nonNumeric = false;
    int partLength = 0;
    for (int i = 0; i < l; i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        nonNumeric = true;
        partLength++;
      } else if (c >= '0' && c <= '9') {
        partLength++;
      } else if (c == '-') {
        if (last == '.') {
          return false;
        }
        partLength++;
        nonNumeric = true;
      } else if (c == '.') {
        if (last == '.' || last == '-' || partLength > 63 || partLength == 0) {
          return false;
        }
        partLength = 0;
      } else {
        return false;
      }
      last = c;
    }
    return last != '-' && partLength <= 63 && nonNumeric;
  }

  /** The kernel's host name of this UTS namespace, read from /proc (no lookup); empty when unknown. */
  static String systemHostname() {
    String fromKernel = readHostname(Path.of("/proc/sys/kernel/hostname"));
    return fromKernel.isEmpty() ? readHostname(Path.of("/etc/hostname")) : fromKernel;
  }

  /** The first line of a host name file, at most 255 bytes read; empty when it cannot be read. */
  static String readHostname(Path path) {
    try {
      if (!java.nio.file.Files.isRegularFile(path)) {
        return "";
      }
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(path)) {
        String text = new String(in.readNBytes(255), StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        return (newline >= 0 ? text.substring(0, newline) : text).strip();
      }
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  @Override
  public String toString() {
    return "GoResolver[" + files.hosts() + ", " + files.resolvConf() + ", " + files.nsswitch() + "]";
  }
}
