package io.github.tunneldiagnostics.core.internal.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks one DNS server about one name with four separate queries (A, AAAA, CNAME, SOA: never {@code ANY},
 * which public resolvers answer minimally), each sent straight to that server with dnsjava's
 * {@link SimpleResolver}: no cache, no search domains, no global resolver. Everything ends by the
 * deadline; a server that does not answer in time gives a {@code TIMEOUT} answer, never an exception.
 */
public final class DnsClient {
  private static final Logger LOG = LoggerFactory.getLogger(DnsClient.class);
  private static final Duration MINIMUM = Duration.ofMillis(1);

  private final Clock clock;

  public DnsClient(Clock clock) {
    this.clock = clock;
  }

  /** What {@code server} answers for {@code host} (with or without the trailing dot). */
  public DnsAnswer lookup(DnsServer server, String host, Instant deadline) {
    String absolute = host.endsWith(".") ? host : host + ".";
    Name name;
    try {
      name = Name.fromString(absolute);
    } catch (TextParseException e) {
      return new DnsAnswer(server, absolute, "FORMERR", List.of(), List.of(), null, "'" + host + "' is not a DNS name: " + e.getMessage());
    }
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.compareTo(MINIMUM) < 0) {
      return timeout(server, absolute, Duration.ZERO);
    }
    SimpleResolver resolver = new SimpleResolver(server.address());
    resolver.setTimeout(left);
    CompletableFuture<Message> a = send(resolver, name, Type.A);
    CompletableFuture<Message> aaaa = send(resolver, name, Type.AAAA);
    CompletableFuture<Message> cname = send(resolver, name, Type.CNAME);
    CompletableFuture<Message> soa = send(resolver, name, Type.SOA);
    try {
      CompletableFuture.allOf(a, aaaa, cname, soa).get(Math.max(1, left.toNanos()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return timeout(server, absolute, left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return timeout(server, absolute, left);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LOG.debug("DNS server {} gave no answer for {}", server, absolute, cause);
      if (cause instanceof PortUnreachableException) {
        return new DnsAnswer(server, absolute, "UNREACHABLE", List.of(), List.of(), null, "nothing answers DNS at " + server.label());
      }
      if (cause instanceof IOException && String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
        return timeout(server, absolute, left);
      }
      return new DnsAnswer(server, absolute, "UNREACHABLE", List.of(), List.of(), null,
          cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
    return answer(server, absolute, a.join(), aaaa.join(), cname.join(), soa.join());
  }

  private static CompletableFuture<Message> send(SimpleResolver resolver, Name name, int type) {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    return resolver.sendAsync(query).toCompletableFuture();
  }

  /**
   * What the four answers of {@code server} for {@code name} (absolute) say: the CNAME links, the addresses,
   * the rcode of the address lookups and the zone from an SOA. Any message, however odd, gives an answer.
   */
  public static DnsAnswer answer(DnsServer server, String name, Message a, Message aaaa, Message cname, Message soa) {
    Set<String> chain = new LinkedHashSet<>();
    List<InetAddress> addresses = new ArrayList<>();
    for (Message message : List.of(a, aaaa, cname)) {
      for (Record record : message.getSection(Section.ANSWER)) {
        if (record instanceof CNAMERecord link) {
          chain.add(link.getName() + " → " + link.getTarget());
        }
      }
    }
    for (Record record : a.getSection(Section.ANSWER)) {
      if (record instanceof ARecord address) {
        addresses.add(address.getAddress());
      }
    }
    for (Record record : aaaa.getSection(Section.ANSWER)) {
      if (record instanceof AAAARecord address) {
        addresses.add(address.getAddress());
      }
    }
    int rcodeA = a.getRcode();
    int rcodeAaaa = aaaa.getRcode();
    int rcode = rcodeA == Rcode.NOERROR || rcodeAaaa == Rcode.NOERROR ? Rcode.NOERROR : rcodeA;
    return new DnsAnswer(server, name, Rcode.string(rcode), List.copyOf(chain), addresses, zone(soa, a, aaaa), null);
  }

  /** The owner of the SOA in ANSWER (the name is the apex) or in AUTHORITY (RFC 2308 negative answers). */
  private static @Nullable String zone(Message... messages) {
    for (Message message : messages) {
      for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
        for (Record record : message.getSection(section)) {
          if (record instanceof SOARecord) {
            return record.getName().toString();
          }
        }
      }
    }
    return null;
  }

  private DnsAnswer timeout(DnsServer server, String name, Duration waited) {
    return new DnsAnswer(server, name, DnsAnswer.TIMEOUT, List.of(), List.of(), null,
        "no answer from " + server.label() + " within " + waited.toMillis() + " ms");
  }
}
