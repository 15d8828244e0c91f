package io.github.tunneldiagnostics.doctor;

import java.time.Duration;

/** A duration as the options take it: {@code 30s}, {@code 1m30s}, {@code 500ms}. */
final class DurationText {
  private DurationText() {}

  static String of(Duration duration) {
    if (duration.toMillisPart() != 0 || duration.isZero()) {
      return duration.toMillis() + "ms";
    }
    StringBuilder text = new StringBuilder();
    long hours = duration.toHours();
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (duration.toMinutesPart() > 0) {
      text.append(duration.toMinutesPart()).append('m');
    }
    if (duration.toSecondsPart() > 0) {
      text.append(duration.toSecondsPart()).append('s');
    }
    return text.toString();
  }
}
