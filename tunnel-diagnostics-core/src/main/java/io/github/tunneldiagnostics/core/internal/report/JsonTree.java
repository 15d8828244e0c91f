package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.api.check.Remedy;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders a tree of maps (in their iteration order), lists, strings, numbers, booleans and nulls as JSON,
 * for documents other than the report (e.g. {@code fix --format json}); remedies are written as in the
 * report.
 */
public final class JsonTree {
  private JsonTree() {}

  public static String render(Map<String, ?> document) {
    JsonOutput json = new JsonOutput();
    write(document, json);
    return json.finish();
  }

  private static void write(@Nullable Object value, JsonOutput json) {
    if (value == null) {
      json.nullValue();
    } else if (value instanceof Map<?, ?> map) {
      json.beginObject();
      map.forEach((k, v) -> {
        json.name(String.valueOf(k));
        write(v, json);
      });
      json.endObject();
    } else if (value instanceof List<?> list) {
      json.beginArray();
      list.forEach(item -> write(item, json));
      json.endArray();
    } else if (value instanceof Remedy remedy) {
      RemedyJson.write(remedy, json);
    } else if (value instanceof Number number) {
      json.value(number.longValue());
    } else if (value instanceof Boolean bool) {
      json.value(bool.booleanValue());
    } else {
      json.value(String.valueOf(value));
    }
  }
}
