package io.github.tunneldiagnostics.core.internal.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The few Prometheus text-format samples the diagnosis needs from cloudflared's {@code /metrics}. Lines
 * are {@code name{label="value",...} number [timestamp]}; comments and unknown metrics are skipped.
 */
final class PrometheusText {

  /** One sample. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      if (space < 0) {
        continue;
      }
      String name;
      Map<String, String> labels = new LinkedHashMap<>();
      String rest;
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        int close = line.indexOf('}', brace);
        if (close < 0) {
          continue;
        }
        parseLabels(line.substring(brace + 1, close), labels);
        rest = line.substring(close + 1).strip();
      } else {
        name = line.substring(0, space);
        rest = line.substring(space + 1).strip();
      }
      int end = rest.indexOf(' ');
      String number = end < 0 ? rest : rest.substring(0, end);
      try {
        samples.add(new Sample(name, labels, Double.parseDouble(number)));
      } catch (NumberFormatException e) {
        // not a sample line
      }
    }
    return new PrometheusText(samples);
  }

  private static void parseLabels(String body, Map<String, String> labels) {
    int i = 0;
    while (i < body.length()) {
      int eq = body.indexOf('=', i);
      if (eq < 0 || eq + 1 >= body.length() || body.charAt(eq + 1) != '"') {
        return;
      }
      String key = body.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      while (j < body.length() && body.charAt(j) != '"') {
        char c = body.charAt(j);
        if (c == '\\' && j + 1 < body.length()) {
          char n = body.charAt(++j);
          value.append(n == 'n' ? '\n' : n);
        } else {
          value.append(c);
        }
        j++;
      }
      labels.put(key, value.toString());
      i = j + 1;
      while (i < body.length() && (body.charAt(i) == ',' || body.charAt(i) == ' ')) {
        i++;
      }
    }
  }

  /** The sum over all label sets of a metric, or empty when it is absent. */
  OptionalDouble sum(String name) {
    boolean found = false;
    double total = 0;
    for (Sample s : samples) {
      if (s.name.equals(name)) {
        found = true;
        total += s.value;
      }
    }
    return found ? OptionalDouble.of(total) : OptionalDouble.empty();
  }

  /** Values of a metric by one label, e.g. responses by {@code status_code}. */
  Map<String, Double> byLabel(String name, String label) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Sample s : samples) {
      if (s.name.equals(name)) {
        out.merge(s.labels.getOrDefault(label, ""), s.value, Double::sum);
      }
    }
    return out;
  }

  /** A label of the first sample of a metric, e.g. {@code build_info{version}}. */
  String label(String name, String label) {
    for (Sample s : samples) {
      if (s.name.equals(name) && s.labels.containsKey(label)) {
        return s.labels.get(label);
      }
    }
    return "";
  }

  boolean isEmpty() {
    return samples.isEmpty();
  }
}
