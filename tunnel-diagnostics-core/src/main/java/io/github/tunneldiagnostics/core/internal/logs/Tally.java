package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.internal.Redaction;
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

  private static final int MAX_HOSTS = 10;
  private static final int MAX_TEXT = 256;

  /** One finding per (code, rule); without a rule index (warp-routing, old logs) the service stands in. */
  /**
   * The aggregate's key. Its equals and hashCode are written out: a record's generated ones are bound on
   * first use through {@code ObjectMethods}, which spins some fifty method-handle classes in the interpreter
   * (about 50 ms, while the log's first lines wait), and this key is the first one hashed.
   */
  private record Key(String code, int rule, String service) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k && rule == k.rule && code.equals(k.code) && service.equals(k.service);
    }

    @Override
    public int hashCode() {
      return (code.hashCode() * 31 + rule) * 31 + service.hashCode();
    }
  }

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
    final String service;
    final Map<String, String> extra = new LinkedHashMap<>();
    /** A sentence added to the message, e.g. ORIGIN_SLOW's joined request; empty without one. */
    String detail = "";
    final Map<String, long[]> hosts = new LinkedHashMap<>();
    long otherHosts;

    Stats(String code, Severity severity, String sample, String file, String explanation, String remediation, String cause, String service) {
      this.code = code;
      this.severity = severity;
      this.sample = sample;
      this.file = file;
      this.explanation = explanation;
      this.remediation = remediation;
      this.cause = cause;
      this.service = service;
    }

    void host(String host, long count) {
      if (host.isEmpty()) {
        return;
      }
      long[] known = hosts.get(host);
      if (known != null) {
        known[0] += count;
      } else if (hosts.size() < MAX_HOSTS) {
        hosts.put(host, new long[] {count});
      } else {
        otherHosts += count;
      }
    }
  }

  private final Map<Key, Stats> stats = new LinkedHashMap<>();
  private final @Nullable IngressModel model;
  private long overflow;
  private static final int CACHE = 64;
  private final @Nullable String[] cachedCode = new String[CACHE];
  private final int[] cachedRule = new int[CACHE];
  private final @Nullable String[] cachedService = new String[CACHE];
  private final @Nullable Stats[] cachedStats = new Stats[CACHE];
  private String cachedRaw = "";
  private @Nullable Instant cachedInstant;

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
      byte @Nullable [] sample,
      String file,
      String explanation,
      String remediation,
      String cause) {
    Stats s = find(code, rule, service);
    if (s == null) {
      String shortService = clip(service, MAX_TEXT);
      Key key = new Key(code, rule, rule == NO_RULE ? shortService : "");
      if (stats.size() >= MAX_KEYS) {
        overflow++;
        return;
      }
      String line = sample == null ? "" : Redaction.redact(new String(sample, java.nio.charset.StandardCharsets.UTF_8));
      s = new Stats(code, severity, clip(line, MAX_SAMPLE), file, explanation, remediation, clip(Redaction.redact(cause), MAX_SAMPLE), shortService);
      stats.put(key, s);
    }
    s.count++;
    s.host(host.length() <= MAX_TEXT ? host : clip(host, MAX_TEXT), 1);
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

  /** Whether an event with this code, rule and service would join an existing finding. */
  boolean has(String code, int rule, String service) {
    return find(code, rule, service) != null;
  }

  /**
   * The aggregate of (code, rule, service), through a small direct-mapped cache: the same few keys repeat
   * millions of times, and their strings are interned, so identity decides a hit without hashing.
   */
  @SuppressWarnings("ReferenceEquality") // interned keys: identity decides a hit (see above)
  private @Nullable Stats find(String code, int rule, String service) {
    int slot = (System.identityHashCode(code) * 31 + rule) * 31 + System.identityHashCode(service) & (CACHE - 1);
    if (cachedCode[slot] == code && cachedRule[slot] == rule && cachedService[slot] == service) {
      return cachedStats[slot];
    }
    Stats found = stats.get(new Key(code, rule, rule == NO_RULE ? clip(service, MAX_TEXT) : ""));
    if (found != null) {
      cachedCode[slot] = code;
      cachedRule[slot] = rule;
      cachedService[slot] = service;
      cachedStats[slot] = found;
    }
    return found;
  }

  /** Adds what {@code later} (the tally of a later part of the same log) counted. */
  void merge(Tally later) {
    for (Map.Entry<Key, Stats> entry : later.stats.entrySet()) {
      Stats theirs = entry.getValue();
      Stats mine = stats.get(entry.getKey());
      if (mine == null) {
        if (stats.size() >= MAX_KEYS) {
          overflow += theirs.count;
          continue;
        }
        stats.put(entry.getKey(), theirs);
        continue;
      }
      mine.count += theirs.count;
      for (Map.Entry<String, long[]> host : theirs.hosts.entrySet()) { // loops, not lambdas, on the merge path: see LogClassifier.PartReader
        mine.host(host.getKey(), host.getValue()[0]);
      }
      mine.otherHosts += theirs.otherHosts;
      if (theirs.first != null && (mine.first == null || theirs.first.isBefore(mine.first))) {
        mine.first = theirs.first;
      }
      if (theirs.last != null && (mine.last == null || theirs.last.isAfter(mine.last))) {
        mine.last = theirs.last;
      }
      if (mine.firstRaw.isEmpty()) {
        mine.firstRaw = theirs.firstRaw;
      }
      if (!theirs.lastRaw.isEmpty()) {
        mine.lastRaw = theirs.lastRaw;
      }
      for (Map.Entry<String, String> extra : theirs.extra.entrySet()) {
        mine.extra.putIfAbsent(extra.getKey(), extra.getValue());
      }
      if (mine.detail.isEmpty()) {
        mine.detail = theirs.detail;
      }
    }
    overflow += later.overflow;
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

  /** Adds a sentence to the message of the aggregate (code, rule, service), and evidence entries; nothing when there is none. */
  void detail(String code, int rule, String service, String sentence, Map<String, String> evidence) {
    Stats s = stats.get(new Key(code, rule, rule == NO_RULE ? clip(service, MAX_TEXT) : ""));
    if (s != null) {
      s.detail = sentence;
      s.extra.putAll(evidence);
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
  private static @Nullable Instant fastUtc(String s) {
    long second = ConsoleTime.utcEpochSecond(s, 60);
    return second == ConsoleTime.NONE ? null : Instant.ofEpochSecond(second);
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
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
    String onlyHost = s.hosts.size() == 1 && s.otherHosts == 0 ? s.hosts.keySet().iterator().next() : "";
    long hostCount = (long) s.hosts.size() + (s.otherHosts > 0 ? 1 : 0);
    if (s.code.startsWith("ORIGIN_")) {
      String ruleName = ruleName(key.rule);
      StringBuilder subject = new StringBuilder();
      if (!ruleName.isEmpty()) {
        subject.append(ruleName);
      }
      if (!s.service.isEmpty()) {
        subject.append(subject.length() > 0 ? " " : "").append(s.service);
      }
      if (subject.length() == 0) {
        subject.append(onlyHost.isEmpty() ? "connector log" : onlyHost);
      }
      b.subject(subject.toString());
      String target = s.service.isEmpty() ? "the origin" : s.service;
      String via = !onlyHost.isEmpty() ? " for " + onlyHost : hostCount > 1 ? " for several hostnames" : "";
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
              + "."
              + (s.detail.isEmpty() ? "" : " " + s.detail));
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
    if (!s.service.isEmpty()) {
      b.evidence("originService", s.service);
    }
    if (!onlyHost.isEmpty()) {
      b.evidence("hostname", onlyHost);
    } else if (hostCount > 1) {
      StringBuilder hosts = new StringBuilder();
      s.hosts.forEach((host, count) -> hosts.append(hosts.length() > 0 ? ", " : "").append(host).append(" (").append(count[0]).append(')'));
      if (s.otherHosts > 0) {
        hosts.append(", others (").append(s.otherHosts).append(')');
      }
      b.evidence("hostnames", hosts.toString());
    }
    if (!s.cause.isEmpty()) {
      b.evidence(s.code.equals(FindingCode.INGRESS_INVALID) || s.code.equals(FindingCode.INGRESS_EMPTY) ? "cloudflaredMessage" : "cause", s.cause);
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
