package io.github.tunneldiagnostics.core.internal.resolver;

import io.github.tunneldiagnostics.api.internal.golang.GoNet;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The DNS part of Go's pure resolver ({@code net/dnsclient_unix.go}), enough to look up A and AAAA records
 * the way cloudflared does: a query with recursion desired and an EDNS0 record, sent over UDP (TCP when
 * the answer is truncated or {@code use-vc} is set), each server in turn for {@code attempts} rounds, every
 * exchange within {@code timeout} and the caller's deadline, answers read within a fixed byte budget.
 * NXDOMAIN ends the search for that name at once; a name with no record of a type counts as "no such host"
 * for that type, as in Go.
 */
final class GoDnsClient {
  static final int TYPE_A = 1;
  static final int TYPE_AAAA = 28;
  private static final int UDP_SIZE = 1232;
  private static final int MAX_MESSAGE = 65535;

  private final Clock clock;

  GoDnsClient(Clock clock) {
    this.clock = clock;
  }

  /**
   * What one name's lookup of one type gave.
   *
   * @param addresses the A or AAAA records, in answer order
   * @param error Go's error text without the {@code lookup <name> on} prefix ({@code no such host},
   *     {@code server misbehaving}, {@code read udp …: i/o timeout}), or null
   * @param server the last server asked, {@code host:port}
   * @param noSuchHost whether the error is "no such host" (NXDOMAIN or no record of the type)
   * @param timedOut whether the error is a timeout
   */
  record Result(List<InetAddress> addresses, @Nullable String error, String server, boolean noSuchHost, boolean timedOut) {}

  /** Go's {@code tryOneName} for each of {@code types}, asked together as Go does unless {@code single-request} is set. */
  Map<Integer, Result> lookup(GoResolvConf conf, String fqdn, List<Integer> types, Instant deadline, int serverOffset) {
    Map<Integer, Result> results = new LinkedHashMap<>();
    Map<Integer, Result> lastErrors = new LinkedHashMap<>();
    List<Integer> pending = new ArrayList<>(types);
    String lastServer = "";
    outer:
    for (int attempt = 0; attempt < conf.attempts(); attempt++) {
      for (int j = 0; j < conf.servers().size(); j++) {
        if (pending.isEmpty()) {
          break outer;
        }
        InetSocketAddress server = conf.servers().get((serverOffset + j) % conf.servers().size());
        lastServer = GoNet.joinHostPort(server.getAddress(), server.getPort());
        Instant until = earliest(clock.instant().plus(conf.timeout()), deadline);
        List<List<Integer>> batches = conf.singleRequest() ? pending.stream().map(List::of).toList() : List.of(List.copyOf(pending));
        for (List<Integer> batch : batches) {
          Map<Integer, Object> answers = exchange(server, fqdn, batch, until, conf.useTcp());
          for (int type : batch) {
            Object answer = answers.get(type);
            Result result = classify(answer, lastServer, type);
            if (result.error() == null || result.noSuchHost()) {
              results.put(type, result);
              pending.remove((Integer) type);
            } else {
              lastErrors.put(type, result);
            }
          }
        }
        if (!clock.instant().isBefore(deadline)) {
          break outer;
        }
      }
    }
    for (int type : pending) {
      results.put(type, lastErrors.getOrDefault(type, new Result(List.of(), "no answer before the deadline", lastServer, false, true)));
    }
    return results;
  }

  private static Result classify(@Nullable Object answer, String serverText, int type) {
    if (answer instanceof String error) {
      return new Result(List.of(), error, serverText, false, error.endsWith("i/o timeout"));
    }
    if (!(answer instanceof GoDnsMessage message)) {
      return new Result(List.of(), "read udp ->" + serverText + ": i/o timeout", serverText, false, true);
    }
    if (message.rcode() == 3) {
      return new Result(List.of(), "no such host", serverText, true, false);
    }
    if (message.rcode() == 0 && !message.authoritative() && !message.recursionAvailable() && message.answers().isEmpty() && !message.hasAdditional()) {
      return new Result(List.of(), "lame referral", serverText, false, false);
    }
    if (message.rcode() != 0) {
      return new Result(List.of(), "server misbehaving", serverText, false, false);
    }
    List<InetAddress> addresses = new ArrayList<>();
    boolean ofType = false;
    for (GoDnsMessage.ResourceRecord record : message.answers()) {
      if (record.type() == type) {
        ofType = true;
      }
      if (record.address() != null && (record.type() == TYPE_A || record.type() == TYPE_AAAA)) {
        addresses.add(record.address());
      }
    }
    if (!ofType) {
      return new Result(List.of(), "no such host", serverText, true, false);
    }
    return new Result(addresses, null, serverText, false, false);
  }

  /** Sends one query per type to {@code server} and reads the answers; per type a {@link GoDnsMessage} or Go's error text. */
  private Map<Integer, Object> exchange(InetSocketAddress server, String fqdn, List<Integer> types, Instant until, boolean tcp) {
    Map<Integer, Integer> ids = new LinkedHashMap<>();
    for (int type : types) {
      ids.put(type, ThreadLocalRandom.current().nextInt(0x10000));
    }
    Map<Integer, Object> answers = new LinkedHashMap<>();
    if (!tcp) {
      udp(server, fqdn, ids, until, answers);
    }
    for (int type : types) {
      Object answer = answers.get(type);
      if (tcp || (answer instanceof GoDnsMessage message && message.truncated())) {
        answers.put(type, tcp(server, fqdn, type, java.util.Objects.requireNonNull(ids.get(type)), until));
      }
    }
    return answers;
  }

  private void udp(InetSocketAddress server, String fqdn, Map<Integer, Integer> ids, Instant until, Map<Integer, Object> answers) {
    String local = "";
    try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
      channel.connect(server);
      local = channel.getLocalAddress() instanceof InetSocketAddress address ? GoNet.joinHostPort(address.getAddress(), address.getPort()) : "";
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      for (Map.Entry<Integer, Integer> query : ids.entrySet()) {
        channel.write(ByteBuffer.wrap(query(fqdn, query.getKey(), query.getValue())));
      }
      ByteBuffer buffer = ByteBuffer.allocate(MAX_MESSAGE);
      while (answers.size() < ids.size()) {
        long left = Duration.between(clock.instant(), until).toMillis();
        if (left <= 0 || selector.select(left) == 0) {
          break;
        }
        selector.selectedKeys().clear();
        buffer.clear();
        if (channel.read(buffer) <= 0) {
          continue;
        }
        GoDnsMessage message = GoDnsMessage.parse(buffer.array(), buffer.position());
        if (message == null) {
          continue; // Go ignores what does not parse and keeps waiting
        }
        for (Map.Entry<Integer, Integer> query : ids.entrySet()) {
          if (message.id() == query.getValue() && message.questionType() == query.getKey() && message.questionName().equalsIgnoreCase(fqdn)) {
            answers.put(query.getKey(), message);
          }
        }
      }
    } catch (PortUnreachableException e) {
      fill(ids, answers, "read udp " + local + "->" + GoNet.joinHostPort(server.getAddress(), server.getPort()) + ": read: connection refused");
      return;
    } catch (IOException e) {
      fill(ids, answers, "dial udp " + GoNet.joinHostPort(server.getAddress(), server.getPort()) + ": " + e.getMessage());
      return;
    }
    fill(ids, answers, "read udp " + local + "->" + GoNet.joinHostPort(server.getAddress(), server.getPort()) + ": i/o timeout");
  }

  private Object tcp(InetSocketAddress server, String fqdn, int type, int id, Instant until) {
    String target = GoNet.joinHostPort(server.getAddress(), server.getPort());
    long left = Duration.between(clock.instant(), until).toMillis();
    if (left <= 0) {
      return "dial tcp " + target + ": i/o timeout";
    }
    try (Socket socket = new Socket()) {
      socket.connect(server, (int) Math.min(Integer.MAX_VALUE, left));
      byte[] query = query(fqdn, type, id);
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {(byte) (query.length >> 8), (byte) query.length});
      out.write(query);
      out.flush();
      long rest = Duration.between(clock.instant(), until).toMillis();
      if (rest <= 0) {
        return "read tcp ->" + target + ": i/o timeout";
      }
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, rest));
      InputStream in = socket.getInputStream();
      DataInputStream data = new DataInputStream(in);
      int length = data.readUnsignedShort();
      byte[] message = data.readNBytes(length);
      GoDnsMessage parsed = GoDnsMessage.parse(message, message.length);
      return parsed == null || parsed.id() != id ? "server misbehaving" : parsed;
    } catch (SocketTimeoutException e) {
      return "read tcp ->" + target + ": i/o timeout";
    } catch (IOException e) {
      return "dial tcp " + target + ": " + e.getMessage();
    }
  }

  private static void fill(Map<Integer, Integer> ids, Map<Integer, Object> answers, String error) {
    for (int type : ids.keySet()) {
      answers.putIfAbsent(type, error);
    }
  }

  /** A query: recursion desired, one question, an EDNS0 OPT record announcing {@value #UDP_SIZE} bytes. */
  static byte[] query(String fqdn, int type, int id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(id >> 8);
    out.write(id);
    out.write(0x01); // RD
    out.write(0x00);
    out.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 1}); // 1 question, 1 additional
    for (String label : fqdn.split("\\.")) {
      if (label.isEmpty()) {
        continue;
      }
      byte[] bytes = label.getBytes(StandardCharsets.ISO_8859_1);
      out.write(Math.min(63, bytes.length));
      out.write(bytes, 0, Math.min(63, bytes.length));
    }
    out.write(0);
    out.writeBytes(new byte[] {0, (byte) type, 0, 1});
    out.writeBytes(new byte[] {0, 0, 41, (byte) (UDP_SIZE >> 8), (byte) UDP_SIZE, 0, 0, 0, 0, 0, 0});
    return out.toByteArray();
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
