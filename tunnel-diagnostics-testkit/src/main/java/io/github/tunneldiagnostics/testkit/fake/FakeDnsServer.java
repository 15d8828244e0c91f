package io.github.tunneldiagnostics.testkit.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A recursive resolver's answers for a few names, on a loopback UDP port (public-route.md §1.3): it
 * copies the ID and RD, sets QR, AA and RA, follows CNAMEs inside its data and puts the whole chain in
 * ANSWER, answers an unknown name with NXDOMAIN and the zone's SOA in AUTHORITY, a known name without
 * the type asked with NODATA and the SOA, and {@code ANY} with NOTIMP. Point the public checks at it
 * with {@code --dns-server 127.0.0.1:<port>}.
 *
 * <pre>{@code
 * try (FakeDnsServer dns = FakeDnsServer.builder()
 *     .zone("example.com")
 *     .proxied("app.example.com")                                          // 104.16.1.1, 2606:4700::6810:101
 *     .dnsOnly("grey.example.com", "6ff42ae2-765d-4adf-8112-31c55c1551ef") // CNAME to <uuid>.cfargotunnel.com
 *     .build().start()) {
 *   String server = dns.address(); // 127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class FakeDnsServer implements AutoCloseable {
  /** The addresses a proxied name resolves to: inside Cloudflare's ranges. */
  public static final String PROXIED_V4 = "104.16.1.1";
  public static final String PROXIED_V6 = "2606:4700::6810:101";
  /** What public resolvers answer for a DNS-only {@code <uuid>.cfargotunnel.com}: an unroutable ULA. */
  public static final String TUNNEL_PLACEHOLDER = "fd10:aec2:5dae::";

  private final Map<Name, List<Record>> records;
  private final List<Name> zones;
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private @Nullable DatagramSocket socket;
  private @Nullable Thread thread;

  private FakeDnsServer(Builder builder) {
    Map<Name, List<Record>> copy = new LinkedHashMap<>();
    builder.records.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    this.records = Map.copyOf(copy);
    this.zones = List.copyOf(builder.zones);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts answering on a free loopback UDP port. */
  public synchronized FakeDnsServer start() {
    if (socket != null) {
      return this;
    }
    try {
      DatagramSocket bound = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread loop = new Thread(() -> serve(bound), "fake dns");
      loop.setDaemon(true);
      this.socket = bound;
      this.thread = loop;
      loop.start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a loopback UDP port for the fake DNS server", e);
    }
  }

  /** The UDP port. */
  public synchronized int port() {
    if (socket == null) {
      throw new IllegalStateException("the fake DNS server is not started: call start()");
    }
    return socket.getLocalPort();
  }

  /** {@code 127.0.0.1:<port>}, as {@code --dns-server} takes it. */
  public String address() {
    return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
  }

  /** Every question received, as {@code name TYPE}, in order. */
  public List<String> queries() {
    return List.copyOf(queries);
  }

  private void serve(DatagramSocket bound) {
    byte[] buffer = new byte[65535];
    while (!bound.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        bound.receive(packet);
        byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
        byte[] answer = answer(query);
        if (answer != null) {
          bound.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        return; // closed
      } catch (RuntimeException ignored) {
        // a malformed query gets no answer, like a real server under garbage
      }
    }
  }

  private byte @Nullable [] answer(byte[] bytes) throws IOException {
    Message query = new Message(bytes);
    Record question = query.getQuestion();
    if (question == null) {
      return null;
    }
    queries.add(question.getName() + " " + Type.string(question.getType()));
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    response.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    response.addRecord(question, Section.QUESTION);
    int type = question.getType();
    if (type == Type.ANY) {
      response.getHeader().setRcode(Rcode.NOTIMP);
      return response.toWire(512);
    }
    Name name = question.getName();
    Set<Name> seen = new HashSet<>();
    while (seen.add(name)) {
      List<Record> here = records.get(name);
      if (here == null) {
        if (seen.size() == 1) {
          response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        addSoa(response, name, Section.AUTHORITY);
        return response.toWire(65535);
      }
      boolean found = false;
      Name next = null;
      for (Record record : here) {
        if (record.getType() == type) {
          response.addRecord(record, Section.ANSWER);
          found = true;
        } else if (record instanceof CNAMERecord cname) {
          response.addRecord(record, Section.ANSWER);
          next = cname.getTarget();
        }
      }
      if (type == Type.SOA && zones.contains(name)) {
        addSoa(response, name, Section.ANSWER);
        return response.toWire(65535);
      }
      if (found || next == null) {
        if (!found) {
          addSoa(response, name, Section.AUTHORITY); // NODATA
        }
        return response.toWire(65535);
      }
      name = next;
    }
    return response.toWire(65535);
  }

  private void addSoa(Message response, Name name, int section) {
    Name zone = zoneOf(name);
    if (zone != null) {
      response.addRecord(soa(zone), section);
    }
  }

  private @Nullable Name zoneOf(Name name) {
    Name best = null;
    for (Name zone : zones) {
      if (name.subdomain(zone) && (best == null || zone.labels() > best.labels())) {
        best = zone;
      }
    }
    return best;
  }

  private static SOARecord soa(Name zone) {
    try {
      return new SOARecord(zone, DClass.IN, 3600, Name.fromString("ns1." + zone), Name.fromString("dns." + zone), 1, 10000, 2400, 604800, 1800);
    } catch (TextParseException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (socket != null) {
      socket.close();
      socket = null;
    }
    Thread loop = thread;
    thread = null;
    if (loop != null && loop != Thread.currentThread()) {
      try {
        loop.join(2_000); // the closed socket ends its receive at once; no thread outlives the server
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Builds a {@link FakeDnsServer}: each call adds records; names are absolute or get a trailing dot. */
  public static final class Builder {
    private final Map<Name, List<Record>> records = new LinkedHashMap<>();
    private final List<Name> zones = new ArrayList<>();

    private Builder() {}

    /** A zone this server is authoritative for: negative answers under it carry its SOA. */
    public Builder zone(String zone) {
      Name name = name(zone);
      zones.add(name);
      records.computeIfAbsent(name, k -> new ArrayList<>());
      return this;
    }

    /** A proxied record as resolvers see it: {@value #PROXIED_V4} and {@value #PROXIED_V6}, TTL 300, no CNAME. */
    public Builder proxied(String host) {
      return address(host, 300, PROXIED_V4, PROXIED_V6);
    }

    /**
     * A DNS-only (grey cloud) CNAME to {@code <tunnelId>.cfargotunnel.com}, whose target resolves to the
     * unroutable {@value #TUNNEL_PLACEHOLDER} (TTL 86400) and has no A record.
     */
    public Builder dnsOnly(String host, String tunnelId) {
      String target = tunnelId + ".cfargotunnel.com";
      cname(host, target);
      if (!zones.contains(name("cfargotunnel.com"))) {
        zone("cfargotunnel.com");
      }
      return address(target, 86400, TUNNEL_PLACEHOLDER);
    }

    /** A CNAME from {@code host} to {@code target}. */
    public Builder cname(String host, String target) {
      records.computeIfAbsent(name(host), k -> new ArrayList<>()).add(new CNAMERecord(name(host), DClass.IN, 300, name(target)));
      return this;
    }

    /** A and AAAA records for {@code host} (TTL 300). */
    public Builder address(String host, String... addresses) {
      return address(host, 300, addresses);
    }

    private Builder address(String host, long ttl, String... addresses) {
      List<Record> list = records.computeIfAbsent(name(host), k -> new ArrayList<>());
      for (String address : addresses) {
        InetAddress parsed = literal(address);
        list.add(parsed.getAddress().length == 4
            ? new ARecord(name(host), DClass.IN, ttl, parsed)
            : new AAAARecord(name(host), DClass.IN, ttl, parsed));
      }
      return this;
    }

    public FakeDnsServer build() {
      return new FakeDnsServer(this);
    }

    private static Name name(String text) {
      try {
        return Name.fromString(text.toLowerCase(Locale.ROOT).endsWith(".") ? text.toLowerCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT) + ".");
      } catch (TextParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not a DNS name: " + e.getMessage(), e);
      }
    }

    private static InetAddress literal(String address) {
      Objects.requireNonNull(address, "address");
      if (!address.matches("[0-9.]+") && address.indexOf(':') < 0) {
        throw new IllegalArgumentException("'" + address + "' is not an IP address literal");
      }
      try {
        return InetAddress.getByName(address); // a literal: no lookup
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + address + "' is not an IP address: " + e.getMessage(), e);
      }
    }
  }
}
