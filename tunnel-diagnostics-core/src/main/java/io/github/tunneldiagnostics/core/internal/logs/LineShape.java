package io.github.tunneldiagnostics.core.internal.logs;

import java.util.Arrays;

/**
 * Tells a cloudflared line from lines that only resemble one, and takes off the prefix of the tool that
 * collected it. A cloudflared console line starts with its RFC 3339 time and a level ({@code
 * 2024-12-10T10:00:00Z ERR }), a JSON line with an opening brace; anything else is accepted only behind a
 * wrapper people really feed the doctor: journald's {@code cloudflared[PID]: }, {@code docker compose
 * logs}' {@code name  | }, {@code kubectl logs --prefix}' {@code [pod/…/…] }, and the time that {@code
 * --timestamps} puts in front (Docker's json-file entries are taken apart before, by {@link DockerJsonLine}).
 * A timestamp further into a line (a line quoted in another message, a
 * fragment, another program's format) is not searched for. One instance per reader; not thread-safe.
 */
final class LineShape {
  private static final int MAX_PREFIX = 256;
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  /** Bytes 4 and 7 of {@code 2006-01-}; the rest are digits. */
  private static final long SEPARATORS_1 = 0xFF0000FF00000000L;
  private static final long DASHES_1 = 0x2D00002D00000000L;
  private static final long DIGITS_1 = ~SEPARATORS_1;
  /** Bytes 2 ({@code T}) and 5 ({@code :}) of {@code 02T15:04}. */
  private static final long SEPARATORS_2 = 0x0000FF0000FF0000L;
  private static final long T_AND_COLON_2 = 0x00003A0000540000L;
  private static final long DIGITS_2 = ~SEPARATORS_2;

  /** Where the cloudflared line starts, after {@link #unwrap}. */
  int start;

  /** The wrapper found by {@link #unwrap}. */
  Wrapper wrapper = Wrapper.PLAIN;

  /** When the line is a console line starting at {@link #start}: its level and where its time ends; else NONE and -1. */
  Level level = Level.NONE;

  int timeEnd = -1;

  /** The last syslog prefix after its time (see {@link #rememberedSyslogPrefixEnd}); empty at first. */
  private final byte[] remembered = new byte[MAX_PREFIX];

  private int rememberedLength;
  private boolean rememberedCloudflared;

  /**
   * Finds the cloudflared line inside {@code b[s, e)} (no leading spaces). Returns false, with {@link
   * #wrapper} {@link Wrapper#JOURNALD}, when the line is a journald or syslog line of another program.
   */
  boolean unwrap(byte[] b, int s, int e) {
    wrapper = Wrapper.PLAIN;
    start = s;
    if (b[s] == '{' || console(b, s, e)) {
      return true; // as cloudflared writes it: the common case, decided without looking further
    }
    int i = s;
    byte c = b[s];
    if (c == '[') {
      int close = kubectlPrefixEnd(b, s, e);
      if (close > 0) {
        wrapper = Wrapper.KUBECTL;
        i = close;
      }
    } else {
      int afterCompose = composePrefixEnd(b, s, e);
      if (afterCompose > 0) {
        wrapper = Wrapper.COMPOSE;
        i = afterCompose;
      } else if (!timestampedCloudflared(b, s, e)) {
        int identEnd = rememberedSyslogPrefixEnd(b, s, e);
        boolean cloudflared = rememberedCloudflared;
        if (identEnd < 0) {
          identEnd = journaldIdentEnd(b, s, e);
          cloudflared = identEnd > 0 && identIsCloudflared(b, s, identEnd);
          remember(b, s, identEnd, cloudflared);
        }
        if (identEnd > 0) {
          wrapper = Wrapper.JOURNALD;
          if (!cloudflared) {
            return false;
          }
          i = identEnd;
        }
      }
    }
    int t = timestampEnd(b, i, e);
    if (t > 0 && t < e && b[t] == ' ' && t + 1 < e && (b[t + 1] == '{' || consoleLevelAt(b, t + 1, e) != Level.NONE)) {
      i = t + 1; // docker / kubectl --timestamps, in front of the line
      if (wrapper == Wrapper.PLAIN) {
        wrapper = Wrapper.TIMESTAMPED;
      }
    }
    start = i;
    console(b, i, e);
    return true;
  }

  private boolean console(byte[] b, int i, int e) {
    int t = timestampEnd(b, i, e);
    level = t < 0 || t + 4 > e || b[t] != ' ' || (t + 4 < e && b[t + 4] != ' ') ? Level.NONE : Level.ofConsole(b[t + 1], b[t + 2], b[t + 3]);
    timeEnd = level == Level.NONE ? -1 : t;
    return level != Level.NONE;
  }

  /** {@code --timestamps} in front of a cloudflared line: a time, a space, then a console or JSON line. */
  private static boolean timestampedCloudflared(byte[] b, int s, int e) {
    int t = timestampEnd(b, s, e);
    return t > 0 && t + 1 < e && b[t] == ' ' && (b[t + 1] == '{' || consoleLevelAt(b, t + 1, e) != Level.NONE);
  }

  /** The level of a console line starting exactly at {@code i}, or {@link Level#NONE}. */
  static Level consoleLevelAt(byte[] b, int i, int e) {
    int t = timestampEnd(b, i, e);
    if (t < 0 || t + 4 > e || b[t] != ' ' || (t + 4 < e && b[t + 4] != ' ')) {
      return Level.NONE;
    }
    return Level.ofConsole(b[t + 1], b[t + 2], b[t + 3]);
  }

  /**
   * The end of an RFC 3339 time starting exactly at {@code i} ({@code 2006-01-02T15:04:05}, optional
   * fraction, {@code Z} or an offset), or -1.
   */
  static int timestampEnd(byte[] b, int i, int e) {
    if (i + 20 > e || !dateAndTime(b, i)) {
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

  /**
   * {@code b[i, i + 19)} is {@code 2006-01-02T15:04:05}: four digits, {@code -}, two, {@code -}, two,
   * {@code T}, two, {@code :}, two, {@code :}, two. Compares eight bytes at a time (the bytes are in the
   * line, which has at least 20 from {@code i}): the separators exactly, and a byte in a digit's place is
   * a digit when its high nibble is 3 and adding 6 keeps it there. Every line of a log starts here.
   */
  private static boolean dateAndTime(byte[] b, int i) {
    long x = (long) LONGS.get(b, i); // 2006-01-
    long y = (long) LONGS.get(b, i + 8); // 02T15:04
    int z = (b[i + 16] & 0xFF) | (b[i + 17] & 0xFF) << 8 | (b[i + 18] & 0xFF) << 16; // :05
    return (x & SEPARATORS_1) == DASHES_1 && (y & SEPARATORS_2) == T_AND_COLON_2 && (z & 0xFF) == ':'
        && digits(x, DIGITS_1) && digits(y, DIGITS_2) && digits(z & 0xFFFF00L, 0xFFFF00L);
  }

  /** The bytes of {@code x} under {@code mask} (whole bytes) are all ASCII digits. */
  private static boolean digits(long x, long mask) {
    long threes = 0x3030303030303030L & mask;
    return (x & mask & 0xF0F0F0F0F0F0F0F0L) == threes && (((x & mask) + (0x0606060606060606L & mask)) & 0xF0F0F0F0F0F0F0F0L) == threes;
  }

  /**
   * When {@code b[s, e)} starts with a syslog time ({@code Nov 25 12:00:00}) followed by the same host, ident
   * and pid as the last syslog line ({@code  host ident[42]: }): the index after that prefix; else -1. A
   * journal holds one prefix per process, so {@link #journaldIdentEnd} and {@link #identIsCloudflared} run
   * once per prefix, not once per line; their answer depends only on these bytes.
   */
  private int rememberedSyslogPrefixEnd(byte[] b, int s, int e) {
    int n = rememberedLength;
    int from = s + 15;
    if (n == 0 || from + n > e || !syslogTime(b, s, e)) {
      return -1;
    }
    return Arrays.equals(b, from, from + n, remembered, 0, n) ? from + n : -1;
  }

  private void remember(byte[] b, int s, int identEnd, boolean cloudflared) {
    int from = s + 15;
    if (identEnd < 0 || !syslogTime(b, s, identEnd) || b[from] != ' ' || identEnd - from > remembered.length) {
      return; // not the plain syslog time (an RFC 3339 one, or a fraction of a second): not remembered
    }
    rememberedLength = identEnd - from;
    System.arraycopy(b, from, remembered, 0, rememberedLength);
    rememberedCloudflared = cloudflared;
  }

  private static boolean syslogTime(byte[] b, int s, int e) {
    return s + 16 <= e && b[s] >= 'A' && b[s] <= 'Z' && b[s + 3] == ' ' && b[s + 9] == ':' && b[s + 12] == ':';
  }

  /** {@code [pod/NAME/CONTAINER] }: the index after the space, or -1. */
  private static int kubectlPrefixEnd(byte[] b, int s, int e) {
    if (s + 6 > e || b[s + 1] != 'p' || b[s + 2] != 'o' || b[s + 3] != 'd' || b[s + 4] != '/') {
      return -1;
    }
    int limit = Math.min(e - 1, s + MAX_PREFIX);
    for (int i = s + 5; i < limit; i++) {
      byte c = b[i];
      if (c == ']') {
        return b[i + 1] == ' ' ? i + 2 : -1;
      }
      if (c == ' ') {
        return -1;
      }
    }
    return -1;
  }

  /** {@code NAME  | } (compose pads the service name): the index after {@code "| "}, or -1. */
  private static int composePrefixEnd(byte[] b, int s, int e) {
    int i = s;
    int limit = Math.min(e, s + 128);
    while (i < limit && isNameChar(b[i])) {
      i++;
    }
    if (i == s) {
      return -1;
    }
    int names = i;
    while (i < limit && b[i] == ' ') {
      i++;
    }
    if (i == names || i >= e || b[i] != '|') {
      return -1;
    }
    if (i + 1 == e) {
      return e;
    }
    return b[i + 1] == ' ' ? i + 2 : -1;
  }

  /**
   * A syslog-style line ({@code Nov 25 12:00:00 host ident[42]: }, {@code 2024-11-25T12:00:00+0000 host
   * ident[42]: }, or without {@code [42]}): the index after {@code ": "}, or -1.
   */
  private static int journaldIdentEnd(byte[] b, int s, int e) {
    int i;
    if (syslogTime(b, s, e)) {
      i = s + 15;
      if (i < e && b[i] == '.') {
        i++;
        while (i < e && digit(b[i])) {
          i++;
        }
      }
    } else {
      i = timestampEnd(b, s, e);
      if (i < 0) {
        return -1;
      }
    }
    if (i >= e || b[i] != ' ') {
      return -1;
    }
    int host = i + 1;
    i = host;
    int limit = Math.min(e, s + MAX_PREFIX);
    while (i < limit && b[i] != ' ') {
      i++;
    }
    if (i == host || i >= limit) {
      return -1;
    }
    int ident = i + 1;
    i = ident;
    while (i < limit && b[i] != '[' && b[i] != ':' && b[i] != ' ') {
      i++;
    }
    if (i == ident || i >= limit || !isIdent(b, ident, i)) {
      return -1;
    }
    if (b[i] == '[') {
      int pid = i + 1;
      i = pid;
      while (i < limit && digit(b[i])) {
        i++;
      }
      if (i == pid || i + 2 >= e || b[i] != ']') {
        return -1;
      }
      i++;
    }
    return i + 1 < e && b[i] == ':' && b[i + 1] == ' ' ? i + 2 : -1;
  }

  private static boolean isIdent(byte[] b, int s, int e) {
    if (s >= e) {
      return false;
    }
    for (int i = s; i < e; i++) {
      if (!isNameChar(b[i]) && b[i] != '/') {
        return false;
      }
    }
    return true;
  }

  /** The program name before {@code [pid]: } or {@code : } contains "cloudflared" (any case). */
  private static boolean identIsCloudflared(byte[] b, int s, int identEnd) {
    int to = identEnd - 2; // before ": "
    if (b[to - 1] == ']') {
      while (to > s && b[to] != '[') {
        to--;
      }
    }
    int from = to - 1;
    while (from > s && b[from - 1] != ' ') {
      from--;
    }
    byte[] name = {'c', 'l', 'o', 'u', 'd', 'f', 'l', 'a', 'r', 'e', 'd'};
    for (int i = from; i + name.length <= to; i++) {
      boolean hit = true;
      for (int k = 0; k < name.length && hit; k++) {
        hit = (b[i + k] | 0x20) == name[k];
      }
      if (hit) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNameChar(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }
}
