package io.github.tunneldiagnostics.core.internal.publicroute;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.core.internal.dns.CloudflareRanges;
import io.github.tunneldiagnostics.core.internal.dns.DnsAnswer;
import io.github.tunneldiagnostics.core.internal.dns.DnsClient;
import io.github.tunneldiagnostics.core.internal.dns.DnsOutcome;
import io.github.tunneldiagnostics.core.internal.dns.DnsReading;
import io.github.tunneldiagnostics.core.internal.dns.DnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
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

/**
 * Fuzzes the DNS classification of a public hostname (public-route.md §1.4): any answers, from one to three
 * servers, built record by record (CNAME chains to {@code cfargotunnel.com} or elsewhere, Cloudflare,
 * tunnel-placeholder and other addresses, SOAs of any zone, any rcode) or given as raw wire bytes, are
 * classified into one outcome and become findings without an exception.
 */
@Tag("fuzz")
class DnsClassifierFuzzTest {
  private static final String[] HOSTS = {"app.example.com", "a.b.example.com", "example.com", "xn--bcher-kva.example", "x"};
  private static final String[] NAMES = {
    "app.example.com.", "example.com.", "app.example.com.example.org.", "0b1f2a3c-4d5e-6f70-8192-a3b4c5d6e7f8.cfargotunnel.com.",
    "other.cfargotunnel.com.", "cdn.example.net.", ".", "com."
  };
  private static final String[] ADDRESSES = {
    "104.16.1.1", "172.67.0.1", "2606:4700::6810:101", "fd10:aec2:5dae::", "203.0.113.7", "127.0.0.1", "::1", "0.0.0.0"
  };
  private static final int[] RCODES = {Rcode.NOERROR, Rcode.NXDOMAIN, Rcode.SERVFAIL, Rcode.REFUSED, Rcode.FORMERR, Rcode.NOTIMP};
  private static final CloudflareRanges RANGES = CloudflareRanges.builtIn();

  @FuzzTest(maxDuration = "10s")
  void anyDnsAnswersAreClassifiedIntoOneOutcome(FuzzedDataProvider data) throws UnknownHostException {
    // given
    String host = data.consumeBoolean() ? data.pickValue(HOSTS) : data.consumeString(40);
    String absolute = host.endsWith(".") ? host : host + ".";
    List<DnsAnswer> answers = new ArrayList<>();
    int servers = data.consumeInt(1, 3);
    for (int s = 0; s < servers; s++) {
      DnsServer server = DnsServer.of(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (53 + s)}), 53);
      Message[] messages = new Message[4];
      boolean unreadable = false;
      for (int m = 0; m < 4 && !unreadable; m++) {
        messages[m] = data.consumeBoolean() ? wire(data) : built(data);
        unreadable = messages[m] == null;
      }
      answers.add(unreadable
          ? new DnsAnswer(server, absolute, "UNREACHABLE", List.of(), List.of(), null, "WireParseException: not a DNS message")
          : DnsClient.answer(server, absolute, messages[0], messages[1], messages[2], messages[3]));
    }

    // when
    DnsReading reading = DnsReading.classify(host, answers, RANGES);
    PublicTarget target = new PublicTarget(reading.host(), 443, "/", "https://" + reading.host() + "/", 0, false);
    List<Finding> findings = DnsFindings.of(target, reading, data.consumeBoolean() ? "app.example.com.example.org" : null,
        data.consumeBoolean() ? "0b1f2a3c-4d5e-6f70-8192-a3b4c5d6e7f8" : null);

    // then
    assertThat(reading.outcome()).isNotNull();
    assertThat(reading.describe()).isNotNull();
    assertThat(reading.depth()).isGreaterThanOrEqualTo(-1);
    reading.tunnelTarget();
    reading.zone();
    reading.addresses();
    assertThat(findings).allSatisfy(f -> assertThat(f.message()).isNotBlank());
    if (reading.outcome() == DnsOutcome.NOT_PROXIED) {
      assertThat(findings).isNotEmpty();
    }
  }

  /** A message from raw bytes, or null when dnsjava refuses them (the client then reports the server unreachable). */
  private static Message wire(FuzzedDataProvider data) {
    try {
      return new Message(data.consumeBytes(data.consumeInt(0, 512)));
    } catch (IOException e) {
      return null;
    }
  }

  private static Message built(FuzzedDataProvider data) {
    Message message = new Message(data.consumeInt(0, 0xffff));
    message.getHeader().setFlag(Flags.QR);
    message.getHeader().setRcode(data.pickValue(RCODES));
    int records = data.consumeInt(0, 6);
    for (int i = 0; i < records; i++) {
      try {
        Name owner = name(data);
        int section = data.consumeBoolean() ? Section.ANSWER : Section.AUTHORITY;
        Record record = switch (data.consumeInt(0, 3)) {
          case 0 -> new CNAMERecord(owner, DClass.IN, 300, name(data));
          case 1 -> new SOARecord(owner, DClass.IN, 300, name(data), name(data), 1, 2, 3, 4, 5);
          case 2 -> address(owner, data);
          default -> new ARecord(owner, DClass.IN, 300, InetAddress.getByAddress(Arrays.copyOf(data.consumeBytes(4), 4)));
        };
        message.addRecord(record, section);
      } catch (TextParseException | UnknownHostException | IllegalArgumentException e) {
        // a name or address dnsjava refuses: a real server could not have sent it either
      }
    }
    return message;
  }

  private static Record address(Name owner, FuzzedDataProvider data) throws UnknownHostException {
    InetAddress address = InetAddress.getByName(data.pickValue(ADDRESSES));
    return address.getAddress().length == 4 ? new ARecord(owner, DClass.IN, 300, address) : new AAAARecord(owner, DClass.IN, 300, address);
  }

  private static Name name(FuzzedDataProvider data) throws TextParseException {
    return data.consumeBoolean() ? Name.fromString(data.pickValue(NAMES)) : Name.fromString(data.consumeString(30), Name.root);
  }
}
