package io.github.tunneldiagnostics.core.internal.resolver;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a DNS response the resolver uses, parsed within the message's bounds (compression pointers
 * followed at most 128 times; anything malformed is no message at all, as Go skips it).
 */
record GoDnsMessage(
    int id,
    boolean truncated,
    boolean authoritative,
    boolean recursionAvailable,
    int rcode,
    String questionName,
    int questionType,
    List<ResourceRecord> answers,
    boolean hasAdditional) {

  /** Parses a response; null when it is not one (too short, not a response, broken names). */
  static @Nullable GoDnsMessage parse(byte[] bytes, int length) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
      int id = in.getShort() & 0xffff;
      int flags = in.getShort() & 0xffff;
      if ((flags & 0x8000) == 0) {
        return null;
      }
      int questions = in.getShort() & 0xffff;
      int answerCount = in.getShort() & 0xffff;
      in.getShort();
      int additional = in.getShort() & 0xffff;
      String questionName = "";
      int questionType = 0;
      for (int i = 0; i < questions; i++) {
        String name = readName(bytes, length, in);
        int type = in.getShort() & 0xffff;
        in.getShort();
        if (i == 0) {
          questionName = name;
          questionType = type;
        }
      }
      List<ResourceRecord> answers = new ArrayList<>();
      for (int i = 0; i < answerCount; i++) {
        readName(bytes, length, in);
        int type = in.getShort() & 0xffff;
        in.getShort();
        in.getInt();
        int rdLength = in.getShort() & 0xffff;
        if (rdLength > in.remaining()) {
          return null;
        }
        byte[] data = new byte[rdLength];
        in.get(data);
        InetAddress address = null;
        if ((type == GoDnsClient.TYPE_A && rdLength == 4) || (type == GoDnsClient.TYPE_AAAA && rdLength == 16)) {
          address = InetAddress.getByAddress(data);
        }
        answers.add(new ResourceRecord(type, address));
      }
      // Go folds an OPT record's extended RCODE in; the low four bits are what matter for these answers
      int rcode = flags & 0xf;
      return new GoDnsMessage(id, (flags & 0x0200) != 0, (flags & 0x0400) != 0, (flags & 0x0080) != 0, rcode, questionName, questionType,
          List.copyOf(answers), additional > 0);
    } catch (RuntimeException | IOException e) {
      return null;
    }
  }

  /** A domain name with compression pointers, rooted ({@code app.example.}); at most 128 jumps. */
  private static String readName(byte[] bytes, int length, ByteBuffer in) throws IOException {
    StringBuilder name = new StringBuilder();
    int position = in.position();
    boolean jumped = false;
    for (int hops = 0; hops < 128; hops++) {
      if (position >= length) {
        throw new IOException("name past the end");
      }
      int size = bytes[position] & 0xff;
      if (size == 0) {
        if (!jumped) {
          in.position(position + 1);
        }
        return name.length() == 0 ? "." : name.toString();
      }
      if ((size & 0xc0) == 0xc0) {
        if (position + 1 >= length) {
          throw new IOException("pointer past the end");
        }
        int target = ((size & 0x3f) << 8) | (bytes[position + 1] & 0xff);
        if (!jumped) {
          in.position(position + 2);
        }
        jumped = true;
        position = target;
        continue;
      }
      if (position + 1 + size > length) {
        throw new IOException("label past the end");
      }
      name.append(new String(bytes, position + 1, size, StandardCharsets.ISO_8859_1)).append('.');
      position += 1 + size;
    }
    throw new IOException("too many compression pointers");
  }

  /** One resource record; {@code address} is set for A and AAAA. */
  record ResourceRecord(int type, @Nullable InetAddress address) {}
}
