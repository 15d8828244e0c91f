package io.github.tunneldiagnostics.core.internal.seat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The child's protocol: one JSON object per line (findings, fetched replies), read back with a bounded parser. */
final class JsonLines {
  private static final int MAX_LINE = 4 << 20;

  private JsonLines() {}

  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  static String object(Map<String, ?> fields) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(quote(e.getKey())).append(':');
      Object v = e.getValue();
      if (v instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, ?> nested = (Map<String, ?>) map;
        out.append(object(nested));
      } else if (v instanceof List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          out.append(i == 0 ? "" : ",").append(quote(String.valueOf(list.get(i))));
        }
        out.append(']');
      } else if (v instanceof Number || v instanceof Boolean) {
        out.append(v);
      } else {
        out.append(quote(String.valueOf(v)));
      }
    }
    return out.append('}').toString();
  }

  /** The JSON object on {@code line}, or empty when it is none. */
  @SuppressWarnings("unchecked")
  static Optional<Map<String, Object>> parse(String line) {
    if (line.length() > MAX_LINE || !line.startsWith("{")) {
      return Optional.empty();
    }
    try {
      Object value = new Load(LoadSettings.builder().setMaxAliasesForCollections(0).setCodePointLimit(MAX_LINE).build()).loadFromString(line);
      return value instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static String finding(Finding f) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("type", "finding");
    fields.put("code", f.code());
    fields.put("severity", f.severity().name());
    fields.put("check", f.check());
    fields.put("subject", f.subject());
    fields.put("message", f.message());
    fields.put("remediation", f.remediation());
    fields.put("evidence", f.evidence());
    return object(fields);
  }

  static Optional<Finding> toFinding(Map<String, Object> json) {
    if (!"finding".equals(json.get("type"))) {
      return Optional.empty();
    }
    try {
      Finding.Builder b = Finding.builder(String.valueOf(json.get("code")), Severity.valueOf(String.valueOf(json.get("severity"))))
          .check(String.valueOf(json.get("check")))
          .subject(String.valueOf(json.get("subject")))
          .message(String.valueOf(json.get("message")))
          .remediation(String.valueOf(json.getOrDefault("remediation", "")));
      if (json.get("evidence") instanceof Map<?, ?> evidence) {
        evidence.forEach((k, v) -> b.evidence(String.valueOf(k), String.valueOf(v)));
      }
      return Optional.of(b.build());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
