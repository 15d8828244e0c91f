package io.github.tunneldiagnostics.core.internal.resolver;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DNS server on 127.0.0.1 (UDP, an ephemeral port) that answers A and AAAA from a table, NXDOMAIN for
 * other names, or nothing at all when {@code silent}. It records the names it was asked.
 */
final class LoopbackDnsServer implements AutoCloseable {
  private final DatagramSocket socket;
  private final Map<String, List<InetAddress>> names;
  private final boolean silent;
  final List<String> asked = new CopyOnWriteArrayList<>();

  LoopbackDnsServer(Map<String, List<InetAddress>> names, boolean silent) throws SocketException {
    this.names = names;
    this.silent = silent;
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread thread = new Thread(this::serve, "loopback-dns");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    byte[] buffer = new byte[1500];
    while (!socket.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        byte[] answer = answer(buffer, packet.getLength());
        if (answer != null && !silent) {
          socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private byte[] answer(byte[] query, int length) {
    ByteBuffer in = ByteBuffer.wrap(query, 0, length);
    int id = in.getShort() & 0xffff;
    in.position(12);
    StringBuilder name = new StringBuilder();
    int questionStart = 12;
    int size;
    while ((size = in.get() & 0xff) != 0) {
      byte[] label = new byte[size];
      in.get(label);
      name.append(new String(label, StandardCharsets.ISO_8859_1)).append('.');
    }
    int type = in.getShort() & 0xffff;
    in.getShort();
    int questionEnd = in.position();
    String asked = name.toString();
    this.asked.add(asked + (type == 1 ? " A" : type == 28 ? " AAAA" : " " + type));
    List<InetAddress> all = names.get(asked);
    ByteBuffer out = ByteBuffer.allocate(512);
    out.putShort((short) id);
    int rcode = all == null ? 3 : 0;
    out.putShort((short) (0x8000 | 0x0100 | 0x0080 | rcode));
    out.putShort((short) 1);
    List<InetAddress> matching = all == null ? List.of() : all.stream().filter(a -> a.getAddress().length == (type == 1 ? 4 : 16)).toList();
    out.putShort((short) matching.size());
    out.putShort((short) 0);
    out.putShort((short) 0);
    out.put(query, questionStart, questionEnd - questionStart);
    for (InetAddress address : matching) {
      out.putShort((short) 0xc00c); // pointer to the question's name
      out.putShort((short) type);
      out.putShort((short) 1);
      out.putInt(60);
      out.putShort((short) address.getAddress().length);
      out.put(address.getAddress());
    }
    byte[] bytes = new byte[out.position()];
    out.flip();
    out.get(bytes);
    return bytes;
  }

  @Override
  public void close() {
    socket.close();
  }
}
