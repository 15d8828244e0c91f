package io.github.tunneldiagnostics.core.internal.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reads the small JSON objects of {@code /ready} and {@code /diag/tunnel} (JSON is YAML 1.2). */
final class JsonObjects {
  private JsonObjects() {}

  /** The object, or empty when the text is no JSON object. */
  @SuppressWarnings("unchecked")
  static Optional<Map<String, Object>> parse(String text) {
    try {
      Object value = new Load(LoadSettings.builder().setAllowDuplicateKeys(true).setMaxAliasesForCollections(10).setCodePointLimit(1 << 22).build()).loadFromString(text);
      return value instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static int integer(Map<String, Object> object, String key, int fallback) {
    Object value = object.get(key);
    return value instanceof Number n ? n.intValue() : fallback;
  }

  static @Nullable String string(Map<String, Object> object, String key) {
    Object value = object.get(key);
    return value == null ? null : String.valueOf(value);
  }

  static boolean bool(Map<String, Object> object, String key) {
    return Boolean.TRUE.equals(object.get(key));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> objects(Map<String, Object> object, String key) {
    Object value = object.get(key);
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
  }
}
