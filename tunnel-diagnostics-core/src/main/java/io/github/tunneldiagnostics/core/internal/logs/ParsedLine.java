package io.github.tunneldiagnostics.core.internal.logs;

import java.nio.charset.StandardCharsets;

/**
 * The parts of one log line the classifier uses, as byte ranges decoded on demand. One instance is
 * reused for every line, so nothing here may be kept after the line is handled.
 */
final class ParsedLine {
  private static final byte[] PROXY_HTTP = OriginCause.PROXY_HTTP.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UNABLE = OriginCause.UNABLE_TO_REACH.getBytes(StandardCharsets.US_ASCII);

  private static final byte[] K_DEST = ascii("dest");
  private static final byte[] K_TIME = ascii("time");
  private static final byte[] K_ERROR = ascii("error");
  private static final byte[] K_CFRAY = ascii("cfRay");
  private static final byte[] K_MESSAGE = ascii("message");
  private static final byte[] K_VERSION = ascii("version");
  private static final byte[] K_CONNINDEX = ascii("connIndex");
  private static final byte[] K_ORIGINURL = ascii("originURL");
  private static final byte[] K_INGRESSRULE = ascii("ingressRule");
  private static final byte[] K_ORIGINSERVICE = ascii("originService");

  Level level = Level.NONE;
  boolean json;
  byte[] buffer = new byte[0];
  int start;
  int end;
  int timeStart = -1;
  int timeEnd = -1;
  /** Message range; for console lines {@link #messageEnd} is found lazily. */
  int messageStart = -1;
  int messageEnd = -1;
  boolean messageEscaped;
  /** Console lines: where the fields start, or -1 before it is known. */
  int fieldsFrom = -1;
  int errorStart = -1;
  int errorEnd = -1;
  boolean errorEscaped;
  int serviceStart = -1;
  int serviceEnd = -1;
  boolean serviceEscaped;
  int destStart = -1;
  int destEnd = -1;
  int originUrlStart = -1;
  int originUrlEnd = -1;
  int version = Integer.MIN_VALUE;
  int ingressRule = Integer.MIN_VALUE;
  int connIndex = -1;
  /** The cf-ray as a number ({@link PendingRequests#rayOf}), or 0; where its text starts. */
  long ray;
  int rayStart = -1;

  void reset(byte[] buf, int s, int e) {
    level = Level.NONE;
    json = false;
    buffer = buf;
    start = s;
    end = e;
    timeStart = timeEnd = -1;
    messageStart = messageEnd = -1;
    messageEscaped = false;
    fieldsFrom = -1;
    errorStart = errorEnd = -1;
    errorEscaped = false;
    serviceStart = serviceEnd = -1;
    serviceEscaped = false;
    destStart = destEnd = -1;
    originUrlStart = originUrlEnd = -1;
    version = Integer.MIN_VALUE;
    ingressRule = Integer.MIN_VALUE;
    connIndex = -1;
    ray = 0;
    rayStart = -1;
  }

  boolean hasRule() {
    return ingressRule != Integer.MIN_VALUE;
  }

  boolean hasError() {
    return errorStart >= 0;
  }

  boolean hasService() {
    return serviceStart >= 0;
  }

  /** Assigns a field the classifier uses; other keys are ignored. */
  void field(byte[] b, int keyStart, int keyEnd, FieldValue value) {
    switch (keyEnd - keyStart) {
      case 4:
        if (is(b, keyStart, K_DEST)) {
          destStart = value.start;
          destEnd = value.end;
        } else if (is(b, keyStart, K_TIME)) {
          timeStart = value.start;
          timeEnd = value.end;
        }
        break;
      case 5:
        if (is(b, keyStart, K_ERROR)) {
          errorStart = value.start;
          errorEnd = value.end;
          errorEscaped = value.escaped;
        } else if (is(b, keyStart, K_CFRAY)) {
          ray = PendingRequests.rayOf(b, value.start, value.end);
          rayStart = value.start;
        }
        break;
      case 7:
        if (is(b, keyStart, K_MESSAGE)) {
          messageStart = value.start;
          messageEnd = value.end;
          messageEscaped = value.escaped;
        } else if (is(b, keyStart, K_VERSION)) {
          version = value.intValue(Integer.MIN_VALUE);
        }
        break;
      case 9:
        if (is(b, keyStart, K_CONNINDEX)) {
          connIndex = value.intValue(-1);
        } else if (is(b, keyStart, K_ORIGINURL)) {
          originUrlStart = value.start;
          originUrlEnd = value.end;
        }
        break;
      case 11:
        if (is(b, keyStart, K_INGRESSRULE)) {
          ingressRule = value.intValue(Integer.MIN_VALUE);
        }
        break;
      case 13:
        if (is(b, keyStart, K_ORIGINSERVICE)) {
          serviceStart = value.start;
          serviceEnd = value.end;
          serviceEscaped = value.escaped;
        }
        break;
      default:
        break;
    }
  }

  static boolean is(byte[] b, int at, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (b[at + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static boolean is(byte[] b, int at, byte[] ascii) {
    for (int i = 0; i < ascii.length; i++) {
      if (b[at + i] != ascii[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** True when {@code b[at, end)} starts with {@code ascii}. */
  static boolean is(byte[] b, int at, byte[] ascii, int end) {
    return end - at >= ascii.length && is(b, at, ascii);
  }

  private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
    if (end - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** True when the message is absent or empty (cloudflared's proxy lines log with an empty message). */
  boolean messageIsEmpty() {
    if (messageStart < 0) {
      return true;
    }
    if (json) {
      return messageEnd == messageStart;
    }
    return messageStart >= end || buffer[messageStart] == ' ' || fieldsStartAt(messageStart);
  }

  private boolean fieldsStartAt(int at) {
    return fieldsFrom() == at;
  }

  /** True when the message starts with {@code ascii}. */
  boolean messageStartsWith(byte[] ascii) {
    if (messageStart < 0) {
      return false;
    }
    int limit = json ? messageEnd : end;
    return limit - messageStart >= ascii.length && is(buffer, messageStart, ascii);
  }

  /** True when the message is exactly {@code ascii}. */
  boolean messageIs(byte[] ascii) {
    if (!messageStartsWith(ascii)) {
      return false;
    }
    int after = messageStart + ascii.length;
    return json ? after == messageEnd : after == end || buffer[after] == ' ';
  }

  /** Where the {@code key=value} fields of a console line start. */
  int fieldsFrom() {
    if (fieldsFrom < 0) {
      fieldsFrom = ConsoleLineParser.findFieldStart(buffer, Math.max(start, messageStart - 1), end);
    }
    return fieldsFrom;
  }

  String message() {
    if (messageStart < 0) {
      return "";
    }
    if (json) {
      return messageEscaped ? FieldValue.unescape(buffer, messageStart, messageEnd) : new String(buffer, messageStart, messageEnd - messageStart, StandardCharsets.UTF_8);
    }
    int e = Math.min(fieldsFrom(), end);
    while (e > messageStart && buffer[e - 1] == ' ') {
      e--;
    }
    return e > messageStart ? new String(buffer, messageStart, e - messageStart, StandardCharsets.UTF_8) : "";
  }

  /** The message, interned (for console lines without the trailing spaces). */
  String message(ByteInterner interner) {
    if (messageStart < 0) {
      return "";
    }
    if (json) {
      return interner.intern(buffer, messageStart, messageEnd, messageEscaped);
    }
    int e = Math.min(fieldsFrom(), end);
    while (e > messageStart && buffer[e - 1] == ' ') {
      e--;
    }
    return e > messageStart ? interner.intern(buffer, messageStart, e, false) : "";
  }

  /** The whole error text. */
  String error() {
    return errorStart < 0 ? "" : errorEscaped ? FieldValue.unescape(buffer, errorStart, errorEnd) : new String(buffer, errorStart, errorEnd - errorStart, StandardCharsets.UTF_8);
  }

  /** True when the error carries cloudflared's "Unable to reach the origin service" wrapper. */
  boolean errorSaysUnableToReach() {
    if (errorStart < 0) {
      return false;
    }
    int at = errorStart;
    if (startsWith(buffer, at, errorEnd, PROXY_HTTP)) {
      at += PROXY_HTTP.length;
    }
    return startsWith(buffer, at, errorEnd, UNABLE);
  }

  /** The Go error without cloudflared's wrappers, interned. */
  String cause(ByteInterner interner) {
    int at = errorStart;
    if (startsWith(buffer, at, errorEnd, PROXY_HTTP)) {
      at += PROXY_HTTP.length;
    }
    if (startsWith(buffer, at, errorEnd, UNABLE)) {
      at += UNABLE.length;
    }
    return interner.intern(buffer, at, errorEnd, errorEscaped);
  }

  String service(ByteInterner interner) {
    return serviceStart < 0 ? "" : interner.intern(buffer, serviceStart, serviceEnd, serviceEscaped);
  }

  /** The host of the {@code dest} URL, interned; empty without one. */
  String destHost(ByteInterner interner) {
    return hostOf(destStart, destEnd, interner);
  }

  /** The host of the {@code originURL} (cloudflared access), interned; empty without one. */
  String originUrlHost(ByteInterner interner) {
    return hostOf(originUrlStart, originUrlEnd, interner);
  }

  private String hostOf(int destStart, int destEnd, ByteInterner interner) {
    if (destStart < 0) {
      return "";
    }
    int s = destStart;
    for (int i = destStart; i + 2 < destEnd; i++) {
      if (buffer[i] == ':' && buffer[i + 1] == '/' && buffer[i + 2] == '/') {
        s = i + 3;
        break;
      }
    }
    int e = s;
    if (e < destEnd && buffer[e] == '[') {
      s++;
      while (e < destEnd && buffer[e] != ']') {
        e++;
      }
      return interner.intern(buffer, s, e, false);
    }
    while (e < destEnd && buffer[e] != '/' && buffer[e] != ':' && buffer[e] != '?' && buffer[e] != '#') {
      e++;
    }
    return interner.intern(buffer, s, e, false);
  }

  String dest() {
    return destStart < 0 ? "" : new String(buffer, destStart, destEnd - destStart, StandardCharsets.UTF_8);
  }

  /** The raw timestamp text, or empty. */
  String time(ByteInterner interner) {
    return timeStart < 0 ? "" : interner.intern(buffer, timeStart, timeEnd, false);
  }

  /** A copy of the line's first {@code max} bytes, decoded only if it becomes a sample. */
  byte[] copy(int max) {
    return java.util.Arrays.copyOfRange(buffer, start, Math.min(end, start + max));
  }

  /** The whole line as text. */
  String text() {
    return new String(buffer, start, end - start, StandardCharsets.UTF_8);
  }
}
