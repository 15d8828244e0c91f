package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates classified log events per (code, rule index, origin service, hostname): count, first and
 * last seen, one sample line; and turns the aggregates into findings. Bounded: past {@value #MAX_KEYS}
 * distinct keys further events are only counted.
 */
final class Tally {
  static final String CHECK_ID = "logs";
  static final int NO_RULE = Integer.MIN_VALUE;
  private static final int MAX_KEYS = 1000;
  private static final int MAX_SAMPLE = 600;

  private record Key(String code, int rule, String service, String host) {}

  private static final class Stats {
    final String code;
    Severity severity;
    long count;
    @Nullable Instant first;
    @Nullable Instant last;
    String firstRaw = "";
    String lastRaw = "";
    final String sample;
    final String file;
    final String explanation;
    final String remediation;
    final String cause;
    final Map<String, String> extra = new LinkedHashMap<>();

    Stats(String code, Severity severity, String sample, String file, String explanation, String remediation, String cause) {
      this.code = code;
      this.severity = severity;
      this.sample = sample;
      this.file = file;
      this.explanation = explanation;
      this.remediation = remediation;
      this.cause = cause;
    }
  }

  private final Map<Key, Stats> stats = new LinkedHashMap<>();
  private final @Nullable IngressModel model;
  private long overflow;
  private String cachedRaw = "";
  private @Nullable Instant cachedInstant;
  private String cachedDay = "";
  private long cachedEpochDay;

  Tally(@Nullable IngressModel model) {
    this.model = model;
  }

  long overflow() {
    return overflow;
  }

  void add(
      String code,
      Severity severity,
      int rule,
      String service,
      String host,
      String time,
      byte[] sample,
      String file,
      String explanation,
      String remediation,
      String cause) {
    Key key = new Key(code, rule, service, host);
    Stats s = stats.get(key);
    if (s == null) {
      if (stats.size() >= MAX_KEYS) {
        overflow++;
        return;
      }
      s = new Stats(code, severity, clip(SecretRedactor.redact(new String(sample, java.nio.charset.StandardCharsets.UTF_8))), file, explanation, remediation, SecretRedactor.redact(cause));
      stats.put(key, s);
    }
    s.count++;
    if (!time.isEmpty()) {
      Instant at = parse(time);
      if (at == null) {
        if (s.firstRaw.isEmpty()) {
          s.firstRaw = time;
        }
        s.lastRaw = time;
      } else {
        if (s.first == null || at.isBefore(s.first)) {
          s.first = at;
        }
        if (s.last == null || at.isAfter(s.last)) {
          s.last = at;
        }
      }
    }
  }

  /** Sets an extra evidence entry on every aggregate of {@code code}, and optionally its severity. */
  void annotate(String code, String key, String value, @Nullable Severity severity) {
    for (Stats s : stats.values()) {
      if (s.code.equals(code)) {
        s.extra.put(key, value);
        if (severity != null) {
          s.severity = severity;
        }
      }
    }
  }

  private @Nullable Instant parse(String raw) {
    if (raw.equals(cachedRaw)) {
      return cachedInstant;
    }
    Instant parsed = fastUtc(raw);
    if (parsed == null) {
      try {
        parsed = OffsetDateTime.parse(raw).toInstant();
      } catch (DateTimeParseException e) {
        parsed = null;
      }
    }
    cachedRaw = raw;
    cachedInstant = parsed;
    return parsed;
  }

  /** {@code yyyy-mm-ddThh:mm:ssZ}, cloudflared's console format, without the cost of a formatter. */
  private @Nullable Instant fastUtc(String s) {
    if (s.length() != 20 || s.charAt(19) != 'Z' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    String day = s.substring(0, 10);
    if (!day.equals(cachedDay)) {
      try {
        cachedEpochDay = java.time.LocalDate.parse(day).toEpochDay();
      } catch (DateTimeParseException e) {
        return null;
      }
      cachedDay = day;
    }
    int h = twoDigits(s, 11);
    int m = twoDigits(s, 14);
    int sec = twoDigits(s, 17);
    if (h < 0 || m < 0 || sec < 0 || h > 23 || m > 59 || sec > 60) {
      return null;
    }
    return Instant.ofEpochSecond(cachedEpochDay * 86400 + h * 3600L + m * 60L + sec);
  }

  private static int twoDigits(String s, int at) {
    int a = s.charAt(at) - '0';
    int b = s.charAt(at + 1) - '0';
    return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
  }

  private static String clip(String sample) {
    return sample.length() <= MAX_SAMPLE ? sample : sample.substring(0, MAX_SAMPLE) + "…";
  }

  List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<Key, Stats> entry : stats.entrySet()) {
      out.add(finding(entry.getKey(), entry.getValue()));
    }
    out.sort((a, b) -> Integer.compare(b.severity().rank(), a.severity().rank()));
    return out;
  }

  private Finding finding(Key key, Stats s) {
    String first = s.first != null ? s.first.toString() : s.firstRaw;
    String last = s.last != null ? s.last.toString() : s.lastRaw;
    Finding.Builder b = Finding.builder(s.code, s.severity).check(CHECK_ID);
    String when = first.isEmpty() ? "" : first.equals(last) ? " at " + first : " between " + first + " and " + last;
    if (s.code.startsWith("ORIGIN_")) {
      String ruleName = ruleName(key.rule);
      StringBuilder subject = new StringBuilder();
      if (!ruleName.isEmpty()) {
        subject.append(ruleName);
      }
      if (!key.service.isEmpty()) {
        subject.append(subject.length() > 0 ? " " : "").append(key.service);
      }
      if (subject.length() == 0) {
        subject.append(key.host.isEmpty() ? "connector log" : key.host);
      }
      b.subject(subject.toString());
      String target = key.service.isEmpty() ? "the origin" : key.service;
      String via = key.host.isEmpty() ? "" : " for " + key.host;
      String forRule = ruleName.isEmpty() ? "" : " (" + ruleName + ")";
      b.message(
          "cloudflared logged "
              + s.count
              + (s.count == 1 ? " failed request" : " failed requests")
              + via
              + " to "
              + target
              + forRule
              + when
              + ": "
              + s.explanation
              + ".");
      b.remediation(s.remediation);
    } else {
      b.subject("connector log");
      b.message("cloudflared logged this " + s.count + (s.count == 1 ? " time" : " times") + when + ": " + s.explanation + ".");
      b.remediation(s.remediation);
    }
    b.evidence("source", "log");
    b.evidence("count", Long.toString(s.count));
    b.evidence("firstSeen", first);
    b.evidence("lastSeen", last);
    if (key.rule != NO_RULE) {
      b.rule(key.rule);
    }
    if (!key.service.isEmpty()) {
      b.evidence("originService", key.service);
    }
    if (!key.host.isEmpty()) {
      b.evidence("hostname", key.host);
    }
    if (!s.cause.isEmpty()) {
      b.evidence("cause", s.cause);
    }
    b.evidence(s.extra);
    b.evidence("file", s.file);
    b.evidence("sample", s.sample);
    return b.build();
  }

  private String ruleName(int rule) {
    if (rule == NO_RULE) {
      return "";
    }
    if (rule < 0) {
      return "internal rule " + rule + " (management)";
    }
    if (model != null && rule < model.rules().size()) {
      return model.rule(rule).label();
    }
    return "rule #" + rule;
  }
}
