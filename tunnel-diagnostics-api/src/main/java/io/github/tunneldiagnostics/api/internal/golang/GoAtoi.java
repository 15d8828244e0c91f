package io.github.tunneldiagnostics.api.internal.golang;

import org.jspecify.annotations.Nullable;

/**
 * Go's {@code strconv.Atoi} on a 64-bit platform ({@code ParseInt(s, 10, 0)}), with its exact error
 * texts. The whole int64 range is accepted, including {@code -9223372036854775808}; an overflow is
 * reported as soon as it happens, even when later characters are not digits (Go's {@code ParseUint}
 * returns at that point).
 */
public final class GoAtoi {
  private GoAtoi() {}

  /** The value, or the error text such as {@code strconv.Atoi: parsing "x": invalid syntax}. */
  public record Result(long value, @Nullable String error) {}

  public static Result parse(String text) {
    String digits = text;
    boolean negative = false;
    if (!digits.isEmpty() && (digits.charAt(0) == '+' || digits.charAt(0) == '-')) {
      negative = digits.charAt(0) == '-';
      digits = digits.substring(1);
    }
    if (digits.isEmpty()) {
      return error(text, "invalid syntax");
    }
    // unsigned accumulation, as Go's ParseUint with bitSize 64
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return error(text, "invalid syntax");
      }
      if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10) + 1) >= 0) {
        return error(text, "value out of range");
      }
      long next = value * 10 + (c - '0');
      if (Long.compareUnsigned(next, value * 10) < 0) {
        return error(text, "value out of range");
      }
      value = next;
    }
    // ParseInt's range check against 1<<63
    if (!negative && Long.compareUnsigned(value, Long.MIN_VALUE) >= 0) {
      return error(text, "value out of range");
    }
    if (negative && Long.compareUnsigned(value, Long.MIN_VALUE) > 0) {
      return error(text, "value out of range");
    }
    return new Result(negative ? -value : value, null);
  }

  private static Result error(String text, String reason) {
    return new Result(0, "strconv.Atoi: parsing " + GoQuote.quote(text) + ": " + reason);
  }
}
