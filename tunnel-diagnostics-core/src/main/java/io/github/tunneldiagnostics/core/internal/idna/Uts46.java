package io.github.tunneldiagnostics.core.internal.idna;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * UTS #46 ToASCII with the options of Go's {@code idna.Lookup} profile (golang.org/x/net/idna), which
 * cloudflared uses for rule hostnames: non-transitional processing (ß stays ß, then becomes
 * {@code xn--zca}), STD3 ASCII rules, CheckHyphens, CheckBidi (RFC 5893) and CheckJoiners (RFC 5892
 * ContextJ), without DNS length checks (empty labels and long names are not errors).
 */
public final class Uts46 {
  private static final String ACE_PREFIX = "xn--";

  private Uts46() {}

  /**
   * The ASCII (Punycode, lower-case) form of {@code domain}, or null when UTS #46 processing records an
   * error, as Go's {@code Lookup.ToASCII} then returns one.
   */
  public static @Nullable String toAscii(String domain) {
    IdnaTable table = IdnaTable.get();
    StringBuilder mapped = new StringBuilder(domain.length() + 8);
    boolean error = false;
    for (int i = 0; i < domain.length(); ) {
      int c = domain.codePointAt(i);
      i += Character.charCount(c);
      switch (table.status(c)) {
        case IdnaTable.VALID -> mapped.appendCodePoint(c);
        case IdnaTable.MAPPED -> {
          for (int m : table.mapping(c)) {
            mapped.appendCodePoint(m);
          }
        }
        case IdnaTable.IGNORED -> { }
        default -> {
          error = true;
          mapped.appendCodePoint(c);
        }
      }
    }
    if (error) {
      return null;
    }
    String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFC);
    List<String> labels = split(normalized);
    List<int[]> unicodeLabels = new ArrayList<>(labels.size());
    StringBuilder ascii = new StringBuilder(normalized.length() + 8);
    for (String label : labels) {
      if (ascii.length() > 0 || unicodeLabels.size() > 0) {
        ascii.append('.');
      }
      int[] unicode;
      if (label.startsWith(ACE_PREFIX)) {
        unicode = fromAce(label);
        if (unicode == null || !isValid(unicode, table)) {
          return null;
        }
        ascii.append(label);
      } else {
        unicode = label.codePoints().toArray();
        if (unicode.length > 0 && !isValid(unicode, table)) {
          return null;
        }
        if (isAscii(unicode)) {
          ascii.append(label);
        } else {
          String encoded = Punycode.encode(unicode);
          if (encoded == null) {
            return null;
          }
          ascii.append(ACE_PREFIX).append(encoded);
        }
      }
      unicodeLabels.add(unicode);
    }
    if (isBidiDomain(unicodeLabels)) {
      for (int[] label : unicodeLabels) {
        if (label.length > 0 && !Bidi.satisfiesRule(label)) {
          return null;
        }
      }
    }
    return ascii.toString();
  }

  private static List<String> split(String domain) {
    List<String> labels = new ArrayList<>();
    int start = 0;
    for (int dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', start)) {
      labels.add(domain.substring(start, dot));
      start = dot + 1;
    }
    labels.add(domain.substring(start));
    return labels;
  }

  /** The Unicode form of an {@code xn--} label, or null when it is not a valid one. */
  private static int @Nullable [] fromAce(String label) {
    String rest = label.substring(ACE_PREFIX.length());
    for (int i = 0; i < rest.length(); i++) {
      if (rest.charAt(i) >= 0x80) {
        return null;
      }
    }
    int[] decoded = Punycode.decode(rest);
    if (decoded == null || decoded.length == 0 || isAscii(decoded)) {
      return null;
    }
    String text = new String(decoded, 0, decoded.length);
    if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
      return null;
    }
    return decoded;
  }

  /** UTS #46 §4.1 validity criteria, non-transitional, with CheckHyphens and CheckJoiners. */
  private static boolean isValid(int[] label, IdnaTable table) {
    if (label.length >= 4 && label[2] == '-' && label[3] == '-') {
      return false;
    }
    if (label.length > 0 && (label[0] == '-' || label[label.length - 1] == '-')) {
      return false;
    }
    if (label.length > 0 && isMark(label[0])) {
      return false;
    }
    for (int i = 0; i < label.length; i++) {
      int c = label[i];
      if (c == '.' || table.status(c) != IdnaTable.VALID) {
        return false;
      }
      if ((c == 0x200C || c == 0x200D) && !contextJ(label, i, table)) {
        return false;
      }
    }
    return true;
  }

  /** RFC 5892 Appendix A.1 (ZERO WIDTH NON-JOINER) and A.2 (ZERO WIDTH JOINER). */
  private static boolean contextJ(int[] label, int at, IdnaTable table) {
    if (at > 0 && table.isVirama(label[at - 1])) {
      return true;
    }
    if (label[at] == 0x200D) {
      return false;
    }
    int before = at - 1;
    while (before >= 0 && table.joiningType(label[before]) == 'T') {
      before--;
    }
    if (before < 0 || "LD".indexOf(table.joiningType(label[before])) < 0) {
      return false;
    }
    int after = at + 1;
    while (after < label.length && table.joiningType(label[after]) == 'T') {
      after++;
    }
    return after < label.length && "RD".indexOf(table.joiningType(label[after])) >= 0;
  }

  private static boolean isBidiDomain(List<int[]> labels) {
    for (int[] label : labels) {
      for (int c : label) {
        byte d = Character.getDirectionality(c);
        if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
            || d == Character.DIRECTIONALITY_ARABIC_NUMBER) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  private static boolean isAscii(int[] label) {
    for (int c : label) {
      if (c >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
