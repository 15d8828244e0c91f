package io.github.tunneldiagnostics.core.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The eight-bytes-at-a-time shortcuts of the classifier ({@link LineShape#timestampEnd}, {@link ByteSearch},
 * the remembered syslog prefix) give exactly the answers of the plain byte-by-byte reading they replace, on
 * the inputs where they could differ: every byte value in every position, and mixed journals.
 */
class WordAtATimeTest {
  /** Bytes that sit at the edges of the ranges the shortcuts test: digits, separators, high bytes. */
  private static final byte[] EDGES = {
    '0', '9', '/', ':', ';', '?', '@', '-', '.', 'T', 't', 'Z', ' ', 0, 0x06, 0x2F, 0x3A, 0x3F, 0x40, 0x30 - 6,
    (byte) 0x80, (byte) 0xB0, (byte) 0xF0, (byte) 0xF9, (byte) 0xFA, (byte) 0xFF, (byte) 0x36, (byte) 0x39
  };

  @Test
  void timestampEndAgreesWithTheByteByByteReadingForEveryByteInEveryPosition() {
    byte[] line = "2024-12-10T10:00:00Z DBG GET https://app.example.com/ HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
    int checked = 0;
    List<String> disagreements = new ArrayList<>();
    for (int position = 0; position < 20; position++) {
      for (int value = 0; value < 256; value++) {
        byte[] mutated = line.clone();
        mutated[position] = (byte) value;
        checked++;
        if (LineShape.timestampEnd(mutated, 0, mutated.length) != byteByByte(mutated, 0, mutated.length)) {
          disagreements.add(position + "=" + value);
        }
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(checked).isEqualTo(20 * 256);
    assertThat(LineShape.timestampEnd(line, 0, line.length)).isEqualTo(20);
  }

  @Test
  void timestampEndAgreesOnRandomNearTimestamps() {
    SplittableRandom random = new SplittableRandom(7);
    byte[] template = "2024-12-10T10:00:00.123456+01:00 ERR x".getBytes(StandardCharsets.US_ASCII);
    int accepted = 0;
    for (int round = 0; round < 200_000; round++) {
      byte[] b = new byte[template.length + 8];
      int offset = random.nextInt(8);
      System.arraycopy(template, 0, b, offset, template.length);
      for (int k = random.nextInt(4); k > 0; k--) {
        b[offset + random.nextInt(26)] = EDGES[random.nextInt(EDGES.length)];
      }
      int end = offset + 19 + random.nextInt(template.length - 19);
      int expected = byteByByte(b, offset, end);
      assertThat(LineShape.timestampEnd(b, offset, end)).as("%s", new String(b, offset, end - offset, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
      accepted += expected > 0 ? 1 : 0;
    }
    assertThat(accepted).isGreaterThan(10_000); // the mutations leave enough valid times to compare both answers
  }

  @Test
  void indexOfFindsTheFirstByteLikeALoop() {
    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 100_000; round++) {
      byte[] b = new byte[1 + random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = random.nextInt(4) == 0 ? (byte) ' ' : EDGES[random.nextInt(EDGES.length)];
      }
      byte wanted = random.nextBoolean() ? (byte) ' ' : EDGES[random.nextInt(EDGES.length)];
      int from = random.nextInt(b.length);
      int to = from + random.nextInt(b.length - from + 1);
      assertThat(ByteSearch.indexOf(b, wanted, from, to)).isEqualTo(loopIndexOf(b, wanted, from, to));
    }
  }

  @Test
  void isCfRayNeedsTheWholeFieldNameInsideTheLine() {
    byte[] line = "200 OK cfRay=8f1a2b3c4d5e6f70-FRA".getBytes(StandardCharsets.US_ASCII);
    assertThat(ByteSearch.isCfRay(line, 6, line.length)).isTrue();
    assertThat(ByteSearch.isCfRay(line, 6, 12)).isFalse(); // the line ends inside the name
    assertThat(ByteSearch.isCfRay(line, 6, 13)).isTrue();
    assertThat(ByteSearch.isCfRay(line, 5, line.length)).isFalse();
    byte[] atTheEnd = " cfRay=".getBytes(StandardCharsets.US_ASCII); // no eighth byte to load with it
    assertThat(ByteSearch.isCfRay(atTheEnd, 0, atTheEnd.length)).isTrue();
    byte[] other = " cfRaz=".getBytes(StandardCharsets.US_ASCII);
    assertThat(ByteSearch.isCfRay(other, 0, other.length)).isFalse();
  }

  @Test
  void aRememberedSyslogPrefixGivesTheVerdictAFreshReaderGives() {
    List<String> lines = List.of(
        "Dec 10 00:00:00 tunnel-host cloudflared[812]: 2024-12-10T00:00:00Z ERR a",
        "Dec 10 00:00:01 tunnel-host cloudflared[812]: 2024-12-10T00:00:01Z INF b",
        "Dec 10 00:00:01 tunnel-host systemd[1]: Started cloudflared.service.",
        "Dec 10 00:00:02 tunnel-host systemd[1]: Stopping cloudflared.service...",
        "Dec 10 00:00:02 tunnel-host cloudflared[812]: 2024-12-10T00:00:02Z WRN c",
        "Dec 10 00:00:02 tunnel-host cloudflared[8120]: 2024-12-10T00:00:02Z WRN c",
        "Dec 10 00:00:02 tunnel-host cloudflared[81]: 2024-12-10T00:00:02Z WRN c",
        "Dec 10 00:00:02 tunnel-host cloudflared[812]:",
        "Dec 10 00:00:02 tunnel-host cloudflared[812]: ",
        "Dec 10 00:00:02.5 tunnel-host cloudflared[812]: 2024-12-10T00:00:02Z ERR d",
        "Dec 10 00:00:03 tunnel-host2 cloudflared[812]: 2024-12-10T00:00:03Z ERR e",
        "Dec 10 00:00:03 tunnel-host cloudflared: 2024-12-10T00:00:03Z ERR f",
        "2024-12-10T00:00:03+0000 tunnel-host cloudflared[812]: 2024-12-10T00:00:03Z ERR g",
        "Dec 10 00:00:03 tunnel-host cloudflared[812]: 2024-12-10T00:00:03Z ERR h",
        "Dec 10 00:00:03 tunnel-host cloudflared[812]: {\"level\":\"error\",\"message\":\"i\"}");
    LineShape remembering = new LineShape();
    List<String> seen = new ArrayList<>();
    List<String> fresh = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (String text : lines) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        seen.add(verdict(remembering, b));
        fresh.add(verdict(new LineShape(), b));
      }
    }
    assertThat(seen).isEqualTo(fresh);
    assertThat(seen.subList(0, lines.size())).containsExactly(
        "true JOURNALD 46 ERROR", "true JOURNALD 46 INFO", "false JOURNALD 0 NONE", "false JOURNALD 0 NONE",
        "true JOURNALD 46 WARN", "true JOURNALD 47 WARN", "true JOURNALD 45 WARN", "true PLAIN 0 NONE",
        "true JOURNALD 46 NONE", "true JOURNALD 48 ERROR", "true JOURNALD 47 ERROR", "true JOURNALD 41 ERROR",
        "true JOURNALD 55 ERROR", "true JOURNALD 46 ERROR", "true JOURNALD 46 NONE");
  }

  private static String verdict(LineShape shape, byte[] b) {
    boolean cloudflared = shape.unwrap(b, 0, b.length);
    return cloudflared + " " + shape.wrapper + " " + shape.start + " " + shape.level;
  }

  private static int loopIndexOf(byte[] b, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** {@link LineShape#timestampEnd} as it read before the eight-byte shortcut, kept as the reference. */
  private static int byteByByte(byte[] b, int i, int e) {
    if (i + 20 > e
        || !(digit(b[i]) && digit(b[i + 1]) && digit(b[i + 2]) && digit(b[i + 3]) && b[i + 4] == '-'
            && digit(b[i + 5]) && digit(b[i + 6]) && b[i + 7] == '-' && digit(b[i + 8]) && digit(b[i + 9])
            && b[i + 10] == 'T' && digit(b[i + 11]) && digit(b[i + 12]) && b[i + 13] == ':'
            && digit(b[i + 14]) && digit(b[i + 15]) && b[i + 16] == ':' && digit(b[i + 17]) && digit(b[i + 18]))) {
      return -1;
    }
    int j = i + 19;
    if (b[j] == '.' || b[j] == ',') {
      j++;
      int digits = j;
      while (j < e && j - digits < 9 && digit(b[j])) {
        j++;
      }
      if (j == digits || j >= e) {
        return -1;
      }
    }
    if (b[j] == 'Z') {
      return j + 1;
    }
    if ((b[j] == '+' || b[j] == '-') && j + 5 <= e && digit(b[j + 1]) && digit(b[j + 2])) {
      if (j + 6 <= e && b[j + 3] == ':' && digit(b[j + 4]) && digit(b[j + 5])) {
        return j + 6;
      }
      if (digit(b[j + 3]) && digit(b[j + 4])) {
        return j + 5;
      }
    }
    return -1;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }
}
