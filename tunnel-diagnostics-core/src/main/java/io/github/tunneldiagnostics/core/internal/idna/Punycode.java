package io.github.tunneldiagnostics.core.internal.idna;

import org.jspecify.annotations.Nullable;

/** Punycode (RFC 3492) over code points, as IDNA uses it for one label. */
final class Punycode {
  private static final int BASE = 36;
  private static final int T_MIN = 1;
  private static final int T_MAX = 26;
  private static final int SKEW = 38;
  private static final int DAMP = 700;
  private static final int INITIAL_BIAS = 72;
  private static final int INITIAL_N = 128;

  private Punycode() {}

  /** The label's Punycode form (without {@code xn--}), or null when it overflows. */
  static @Nullable String encode(int[] input) {
    StringBuilder out = new StringBuilder();
    for (int c : input) {
      if (c < 0x80) {
        out.append((char) c);
      }
    }
    int basic = out.length();
    int handled = basic;
    if (basic > 0) {
      out.append('-');
    }
    int n = INITIAL_N;
    long delta = 0;
    int bias = INITIAL_BIAS;
    while (handled < input.length) {
      int m = Integer.MAX_VALUE;
      for (int c : input) {
        if (c >= n && c < m) {
          m = c;
        }
      }
      delta += (long) (m - n) * (handled + 1);
      if (delta > Integer.MAX_VALUE) {
        return null;
      }
      n = m;
      for (int c : input) {
        if (c < n) {
          delta++;
        }
        if (c == n) {
          long q = delta;
          for (int k = BASE; ; k += BASE) {
            int t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
            if (q < t) {
              break;
            }
            out.append(digit((int) (t + (q - t) % (BASE - t))));
            q = (q - t) / (BASE - t);
          }
          out.append(digit((int) q));
          bias = adapt(delta, handled + 1, handled == basic);
          delta = 0;
          handled++;
        }
      }
      delta++;
      n++;
    }
    return out.toString();
  }

  /** The code points of a Punycode label (without {@code xn--}), or null when it is not valid Punycode. */
  static int @Nullable [] decode(String input) {
    int lastDash = input.lastIndexOf('-');
    int[] output = new int[input.length()];
    int length = 0;
    for (int j = 0; j < Math.max(lastDash, 0); j++) {
      char c = input.charAt(j);
      if (c >= 0x80) {
        return null;
      }
      output[length++] = c;
    }
    int n = INITIAL_N;
    int bias = INITIAL_BIAS;
    long i = 0;
    for (int in = lastDash > 0 ? lastDash + 1 : 0; in < input.length(); ) {
      long oldi = i;
      long w = 1;
      for (int k = BASE; ; k += BASE) {
        if (in >= input.length()) {
          return null;
        }
        int digit = value(input.charAt(in++));
        if (digit < 0) {
          return null;
        }
        i += digit * w;
        if (i > Integer.MAX_VALUE) {
          return null;
        }
        int t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
        if (digit < t) {
          break;
        }
        w *= BASE - t;
        if (w > Integer.MAX_VALUE) {
          return null;
        }
      }
      bias = adapt(i - oldi, length + 1, oldi == 0);
      n += (int) (i / (length + 1));
      i %= length + 1;
      if (n > Character.MAX_CODE_POINT || (n >= 0xD800 && n <= 0xDFFF)) {
        return null;
      }
      if (length == output.length) {
        int[] bigger = new int[output.length * 2 + 1];
        System.arraycopy(output, 0, bigger, 0, length);
        output = bigger;
      }
      System.arraycopy(output, (int) i, output, (int) i + 1, length - (int) i);
      output[(int) i] = n;
      length++;
      i++;
    }
    int[] result = new int[length];
    System.arraycopy(output, 0, result, 0, length);
    return result;
  }

  private static int adapt(long delta, int numPoints, boolean first) {
    delta = first ? delta / DAMP : delta / 2;
    delta += delta / numPoints;
    int k = 0;
    while (delta > ((BASE - T_MIN) * T_MAX) / 2) {
      delta /= BASE - T_MIN;
      k += BASE;
    }
    return (int) (k + (BASE - T_MIN + 1) * delta / (delta + SKEW));
  }

  private static char digit(int d) {
    return (char) (d < 26 ? 'a' + d : '0' + d - 26);
  }

  private static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0' + 26;
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    return -1;
  }
}
