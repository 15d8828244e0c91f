package io.github.tunneldiagnostics.api.internal.golang;

import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, faithfully: the same accepted forms ({@code 30s}, {@code 1m30s},
 * {@code 1.5h}, {@code -2h45m}, {@code 300ms}, {@code 0}) and the same error texts.
 */
public final class GoDuration {
  private static final long NS_LIMIT = Long.MIN_VALUE; // 1<<63 as an unsigned value
  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L,
          "\u03bcs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  /** Go's error, e.g. {@code time: missing unit in duration "30"}. */
  public static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String text;

    ParseException(String message) {
      super(message, null, false, false);
      this.text = message;
    }

    /** Go's error text, never null. */
    @Override
    public String getMessage() {
      return text;
    }
  }

  private GoDuration() {}

  public static Duration parse(String text) throws ParseException {
    String orig = text;
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(orig);
    }
    long total = 0; // unsigned
    while (!s.isEmpty()) {
      char c = s.charAt(0);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        throw invalid(orig);
      }
      // leading integer
      int i = 0;
      long v = 0;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        if (Long.compareUnsigned(v, Long.divideUnsigned(NS_LIMIT, 10)) > 0) {
          throw invalid(orig);
        }
        v = v * 10 + (s.charAt(i) - '0');
        if (Long.compareUnsigned(v, NS_LIMIT) > 0) {
          throw invalid(orig);
        }
        i++;
      }
      boolean pre = i > 0;
      s = s.substring(i);
      boolean post = false;
      long f = 0;
      double scale = 1;
      if (!s.isEmpty() && s.charAt(0) == '.') {
        s = s.substring(1);
        int j = 0;
        boolean overflow = false;
        while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
          if (!overflow) {
            if (f > Long.MAX_VALUE / 10) {
              overflow = true;
            } else {
              long y = f * 10 + (s.charAt(j) - '0');
              if (y < 0) {
                overflow = true;
              } else {
                f = y;
                scale *= 10;
              }
            }
          }
          j++;
        }
        post = j > 0;
        s = s.substring(j);
      }
      if (!pre && !post) {
        throw invalid(orig);
      }
      int u = 0;
      while (u < s.length()) {
        char uc = s.charAt(u);
        if (uc == '.' || (uc >= '0' && uc <= '9')) {
          break;
        }
        u++;
      }
      if (u == 0) {
        throw new ParseException("time: missing unit in duration " + GoQuote.quote(orig));
      }
      String unitName = s.substring(0, u);
      s = s.substring(u);
      Long unit = UNITS.get(unitName);
      if (unit == null) {
        throw new ParseException(
            "time: unknown unit " + GoQuote.quote(unitName) + " in duration " + GoQuote.quote(orig));
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(NS_LIMIT, unit)) > 0) {
        throw invalid(orig);
      }
      v *= unit;
      if (f > 0) {
        v += (long) (f * (unit / scale));
        if (Long.compareUnsigned(v, NS_LIMIT) > 0) {
          throw invalid(orig);
        }
      }
      total += v;
      if (Long.compareUnsigned(total, NS_LIMIT) > 0) {
        throw invalid(orig);
      }
    }
    if (negative) {
      return Duration.ofNanos(-total);
    }
    if (total < 0) { // > 1<<63 - 1 as unsigned
      throw invalid(orig);
    }
    return Duration.ofNanos(total);
  }

  private static ParseException invalid(String orig) {
    return new ParseException("time: invalid duration " + GoQuote.quote(orig));
  }

  /** Go's {@code time.Duration.String()}, for messages ({@code 1m30s}, {@code 300ms}). */
  public static String format(Duration duration) {
    long d = duration.toNanos();
    if (d == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    boolean neg = d < 0;
    long u = Math.abs(d);
    if (u < 1_000_000_000L) {
      String unit;
      double value;
      if (u < 1_000L) {
        return (neg ? "-" : "") + u + "ns";
      } else if (u < 1_000_000L) {
        unit = "\u00b5s";
        value = u / 1e3;
      } else {
        unit = "ms";
        value = u / 1e6;
      }
      return (neg ? "-" : "") + trim(value) + unit;
    }
    long hours = u / 3_600_000_000_000L;
    long rest = u % 3_600_000_000_000L;
    long minutes = rest / 60_000_000_000L;
    long nanos = rest % 60_000_000_000L;
    if (neg) {
      out.append('-');
    }
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    out.append(trim(nanos / 1e9)).append('s');
    return out.toString();
  }

  private static String trim(double value) {
    String text = java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    return text;
  }
}
