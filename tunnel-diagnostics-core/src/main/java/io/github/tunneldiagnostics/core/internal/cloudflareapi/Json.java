package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reads and writes the API's JSON (JSON is YAML 1.2, read with the YAML engine the config loader uses). */
final class Json {
  private Json() {}

  /** The value, or null when the text is not JSON. */
  static @Nullable Object parse(String text) {
    try {
      return new Load(LoadSettings.builder().setAllowDuplicateKeys(true).setMaxAliasesForCollections(10)
          .setCodePointLimit(CloudflareApiClient.MAX_RESPONSE_BYTES * 2).build()).loadFromString(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(@Nullable Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(@Nullable Object value) {
    return value instanceof List<?> list ? (List<Object>) list : List.of();
  }

  static @Nullable String string(Map<String, Object> object, String key) {
    Object value = object.get(key);
    return value == null ? null : String.valueOf(value);
  }

  static long number(Map<String, Object> object, String key, long fallback) {
    return object.get(key) instanceof Number number ? number.longValue() : fallback;
  }

  static boolean bool(Map<String, Object> object, String key) {
    return Boolean.TRUE.equals(object.get(key));
  }

  /** {@code value} written back as JSON. */
  static String write(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(@Nullable Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(String.valueOf(entry.getKey()), out);
        out.append(':');
        write(entry.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      string(String.valueOf(value), out);
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
