package io.github.tunneldiagnostics.doctor;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
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
 * The demo's DNS server on a loopback UDP port: the demo hostnames are proxied by Cloudflare (A
 * {@code 104.16.1.1}, AAAA {@code 2606:4700::6810:101}, as real resolvers answer for a proxied record);
 * any other name under {@code demo.example} is NXDOMAIN with the zone's SOA. No traffic leaves the machine:
 * the public checks connect to the fake edge through {@code --resolve}, never to these addresses.
 */
final class DemoDns implements AutoCloseable {
  private static final Name ZONE = name("demo.example.");

  private final DatagramSocket socket;
  private final Set<Name> hosts;

  private DemoDns(DatagramSocket socket, Set<Name> hosts) {
    this.socket = socket;
    this.hosts = hosts;
  }

  static DemoDns start(List<String> hostnames) throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    DemoDns dns = new DemoDns(socket, hostnames.stream().map(h -> name(h.toLowerCase(Locale.ROOT) + ".")).collect(Collectors.toSet()));
    Thread thread = new Thread(dns::serve, "tunnel-doctor-demo-dns");
    thread.setDaemon(true);
    thread.start();
    return dns;
  }

  /** {@code 127.0.0.1:<port>}. */
  String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  private void serve() {
    byte[] buffer = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        byte[] answer = answer(new Message(Arrays.copyOf(packet.getData(), packet.getLength())));
        socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
      } catch (IOException e) {
        return;
      } catch (RuntimeException ignored) {
        // a malformed query gets no answer
      }
    }
  }

  private byte[] answer(Message query) throws IOException {
    Record question = query.getQuestion();
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    response.getHeader().setFlag(Flags.RA);
    response.getHeader().setFlag(Flags.RD);
    if (question == null) {
      response.getHeader().setRcode(Rcode.FORMERR);
      return response.toWire(512);
    }
    response.addRecord(question, Section.QUESTION);
    Name name = question.getName();
    int type = question.getType();
    if (type == Type.ANY) {
      response.getHeader().setRcode(Rcode.NOTIMP);
    } else if (hosts.contains(name) && (type == Type.A || type == Type.AAAA)) {
      response.addRecord(type == Type.A
          ? new ARecord(name, DClass.IN, 300, InetAddress.getByAddress(new byte[] {104, 16, 1, 1}))
          : new AAAARecord(name, DClass.IN, 300, InetAddress.getByName("2606:4700::6810:101")), Section.ANSWER);
    } else if (name.equals(ZONE) && type == Type.SOA) {
      response.addRecord(soa(), Section.ANSWER);
    } else {
      if (!hosts.contains(name) && !name.equals(ZONE)) {
        response.getHeader().setRcode(Rcode.NXDOMAIN);
      }
      response.addRecord(soa(), Section.AUTHORITY);
    }
    return response.toWire(4096);
  }

  private static SOARecord soa() {
    return new SOARecord(ZONE, DClass.IN, 3600, name("ns.demo.example."), name("dns.demo.example."), 1, 10000, 2400, 604800, 1800);
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
