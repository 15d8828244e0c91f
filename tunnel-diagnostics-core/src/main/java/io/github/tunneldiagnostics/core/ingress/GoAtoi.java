package io.github.tunneldiagnostics.core.ingress;

import org.jspecify.annotations.Nullable;

/** Go's {@code strconv.Atoi} on a 64-bit platform, with its exact error texts. */
final class GoAtoi {
  private GoAtoi() {}

  /** The value, or the error text {@code strconv.Atoi: parsing "x": invalid syntax}. */
  record Result(long value, @Nullable String error) {}

  static Result parse(String text) {
    String digits = text;
    boolean negative = false;
    if (!digits.isEmpty() && (digits.charAt(0) == '+' || digits.charAt(0) == '-')) {
      negative = digits.charAt(0) == '-';
      digits = digits.substring(1);
    }
    if (digits.isEmpty()) {
      return syntax(text);
    }
    long value = 0;
    boolean overflow = false;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return syntax(text);
      }
      if (!overflow) {
        if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
          overflow = true;
        } else {
          value = value * 10 + (c - '0');
        }
      }
    }
    if (overflow) {
      return new Result(0, "strconv.Atoi: parsing " + GoQuote.quote(text) + ": value out of range");
    }
    return new Result(negative ? -value : value, null);
  }

  private static Result syntax(String text) {
    return new Result(0, "strconv.Atoi: parsing " + GoQuote.quote(text) + ": invalid syntax");
  }
}
