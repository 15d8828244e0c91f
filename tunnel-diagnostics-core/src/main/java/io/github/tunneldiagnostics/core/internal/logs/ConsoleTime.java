package io.github.tunneldiagnostics.core.internal.logs;

import java.time.LocalDate;

/**
 * cloudflared's console time, {@code 2024-12-10T10:00:00Z}, read without {@code java.time}'s formatters:
 * their first use binds lambdas through method handles (tens of milliseconds in the interpreter, while a
 * log's first lines wait), and they cost a microsecond a call after that. Other forms (a fraction, an
 * offset) are left to {@code OffsetDateTime.parse} by the callers.
 */
final class ConsoleTime {
  /** Returned when the text is not a valid time of exactly this form. */
  static final long NONE = Long.MIN_VALUE;

  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private ConsoleTime() {}

  /**
   * The epoch second of {@code s} when it is {@code yyyy-mm-ddThh:mm:ssZ} naming a real date and a time
   * whose second is at most {@code maxSecond} (59, as {@code OffsetDateTime.parse} accepts, or 60); else
   * {@link #NONE}.
   */
  static long utcEpochSecond(String s, int maxSecond) {
    if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
      return NONE;
    }
    int hi = twoDigits(s, 0);
    int lo = twoDigits(s, 2);
    int month = twoDigits(s, 5);
    int day = twoDigits(s, 8);
    int hour = twoDigits(s, 11);
    int minute = twoDigits(s, 14);
    int second = twoDigits(s, 17);
    if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > maxSecond) {
      return NONE;
    }
    int year = hi * 100 + lo;
    boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    if (day > DAYS_IN_MONTH[month - 1] + (month == 2 && leap ? 1 : 0)) {
      return NONE;
    }
    return LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
  }

  private static int twoDigits(String s, int at) {
    int a = s.charAt(at) - '0';
    int b = s.charAt(at + 1) - '0';
    return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
  }
}
