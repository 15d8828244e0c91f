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
      int i = 0;
      while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      String name = line.substring(0, i);
      Map<String, String> labels = new LinkedHashMap<>();
      if (i < line.length() && line.charAt(i) == '{') {
        int close = parseLabels(line, i + 1, labels);
        if (close < 0) {
          continue; // unterminated label set
        }
        i = close + 1;
      }
      String rest = line.substring(i).strip();
      int end = rest.indexOf(' ');
      String number = end < 0 ? rest : rest.substring(0, end);
      Double value = value(number);
      if (!name.isEmpty() && value != null) {
        samples.add(new Sample(name, labels, value));
      }
    }
    return new PrometheusText(samples);
  }

  /** A sample value in the exposition format: a Go float, {@code +Inf}, {@code -Inf} or {@code NaN}. */
  static @org.jspecify.annotations.Nullable Double value(String number) {
    switch (number) {
      case "+Inf", "Inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "NaN" -> {
        return Double.NaN;
      }
      default -> {
        if (number.isEmpty() || !number.matches("[-+]?[0-9.eE+-]+")) {
          return null;
        }
        try {
          return Double.parseDouble(number);
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
  }

  /**
   * Reads {@code name="value"} pairs from {@code from} up to the closing brace outside any quoted value
   * (a value may hold {@code }}, {@code ,}, escaped quotes); returns the brace's index, or -1.
   */
  private static int parseLabels(String line, int from, Map<String, String> labels) {
    int i = from;
    while (i < line.length()) {
      while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
        i++;
      }
      if (i < line.length() && line.charAt(i) == '}') {
        return i;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        return -1;
      }
      String key = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      while (j < line.length() && line.charAt(j) != '"') {
        char c = line.charAt(j);
        if (c == '\\' && j + 1 < line.length()) {
          char n = line.charAt(++j);
          value.append(n == 'n' ? '\n' : n);
        } else {
          value.append(c);
        }
        j++;
      }
      if (j >= line.length()) {
        return -1;
      }
      labels.put(key, value.toString());
      i = j + 1;
    }
    return -1;
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
