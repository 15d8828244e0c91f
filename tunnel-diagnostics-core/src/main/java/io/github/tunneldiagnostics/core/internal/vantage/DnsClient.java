package io.github.tunneldiagnostics.core.internal.vantage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal DNS stub client over UDP (RFC 1035): one A or AAAA question, recursion desired, answers
 * read within a 4 KiB datagram. Used only inside the connector's network namespace, toward the
 * nameservers of its resolv.conf, as cloudflared's pure-Go resolver does.
 */
final class DnsClient {
  static final int TYPE_A = 1;
  static final int TYPE_AAAA = 28;
  private static final int MAX_DATAGRAM = 4096;

  /** What a server answered. */
  sealed interface Answer {}

  /** Addresses (possibly none: NOERROR without records of that type). */
  record Addresses(List<InetAddress> addresses) implements Answer {}

  /** NXDOMAIN. */
  record NoSuchName() implements Answer {}

  /** Any other error code (SERVFAIL, REFUSED...). */
  record Failure(int rcode) implements Answer {}

  private DnsClient() {}

  /**
   * Asks {@code server} ({@code :53}) for {@code type} records of {@code name}.
   *
   * @throws SocketTimeoutException when no answer comes within {@code timeout}
   * @throws IOException when the server cannot be reached at all
   */
  static Answer query(InetAddress server, int port, String name, int type, Duration timeout) throws IOException {
    int id = ThreadLocalRandom.current().nextInt(1 << 16);
    byte[] request = request(id, name, type);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
      socket.connect(new InetSocketAddress(server, port));
      socket.send(new DatagramPacket(request, request.length));
      long end = System.nanoTime() + timeout.toNanos();
      byte[] buffer = new byte[MAX_DATAGRAM];
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        Answer answer = parse(buffer, packet.getLength(), id, type);
        if (answer != null) {
          return answer;
        }
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException("no answer");
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
      }
    }
  }

  static byte[] request(int id, String name, int type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(id >> 8);
    out.write(id);
    out.write(0x01); // RD
    out.write(0x00);
    out.write(0);
    out.write(1); // QDCOUNT
    for (int i = 0; i < 6; i++) {
      out.write(0);
    }
    for (String label : name.split("\\.")) {
      if (label.isEmpty()) {
        continue;
      }
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      out.write(Math.min(63, bytes.length));
      out.write(bytes, 0, Math.min(63, bytes.length));
    }
    out.write(0);
    out.write(type >> 8);
    out.write(type);
    out.write(0);
    out.write(1); // IN
    return out.toByteArray();
  }

  /** The answer in {@code data}, or null when it is not the reply to {@code id}. */
  static @org.jspecify.annotations.Nullable Answer parse(byte[] data, int length, int id, int type) throws IOException {
    if (length < 12 || ((data[0] & 0xff) << 8 | (data[1] & 0xff)) != id || (data[2] & 0x80) == 0) {
      return null;
    }
    int rcode = data[3] & 0x0f;
    if (rcode == 3) {
      return new NoSuchName();
    }
    if (rcode != 0) {
      return new Failure(rcode);
    }
    int qd = u16(data, 4, length);
    int an = u16(data, 6, length);
    int pos = 12;
    for (int i = 0; i < qd; i++) {
      pos = skipName(data, pos, length) + 4;
    }
    List<InetAddress> addresses = new ArrayList<>();
    for (int i = 0; i < an && pos < length; i++) {
      pos = skipName(data, pos, length);
      int rtype = u16(data, pos, length);
      int rdlength = u16(data, pos + 8, length);
      int rdata = pos + 10;
      if (rdata + rdlength > length) {
        throw new IOException("truncated DNS answer");
      }
      if (rtype == type && ((type == TYPE_A && rdlength == 4) || (type == TYPE_AAAA && rdlength == 16))) {
        byte[] raw = new byte[rdlength];
        System.arraycopy(data, rdata, raw, 0, rdlength);
        try {
          addresses.add(InetAddress.getByAddress(raw));
        } catch (UnknownHostException e) {
          throw new IOException(e);
        }
      }
      pos = rdata + rdlength;
    }
    return new Addresses(addresses);
  }

  private static int u16(byte[] data, int pos, int length) throws IOException {
    if (pos + 1 >= length) {
      throw new IOException("truncated DNS message");
    }
    return (data[pos] & 0xff) << 8 | (data[pos + 1] & 0xff);
  }

  private static int skipName(byte[] data, int pos, int length) throws IOException {
    int p = pos;
    while (p < length) {
      int len = data[p] & 0xff;
      if (len == 0) {
        return p + 1;
      }
      if ((len & 0xc0) == 0xc0) {
        return p + 2;
      }
      p += len + 1;
    }
    throw new IOException("truncated DNS name");
  }
}
