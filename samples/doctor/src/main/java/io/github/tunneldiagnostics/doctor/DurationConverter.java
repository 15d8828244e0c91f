package io.github.tunneldiagnostics.doctor;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --timeout}: a positive duration like {@code 10s}, {@code 500ms}, {@code 1m} or {@code 1m30s}. */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    String text = value.trim();
    if (!WHOLE.matcher(text).matches()) {
      throw new TypeConversionException("'" + value + "' is not a duration; write it like 10s, 500ms or 1m");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    try {
      while (part.find()) {
        long amount = Long.parseLong(part.group(1));
        total = total.plus(switch (part.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is too long a duration; write it like 10s, 500ms or 1m");
    }
    if (total.isZero()) {
      throw new TypeConversionException("'" + value + "' must be longer than zero, e.g. 10s");
    }
    return total;
  }
}
