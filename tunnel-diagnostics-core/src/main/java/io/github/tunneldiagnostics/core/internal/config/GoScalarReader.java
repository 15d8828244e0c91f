package io.github.tunneldiagnostics.core.internal.config;

import io.github.tunneldiagnostics.api.internal.golang.GoDuration;
import io.github.tunneldiagnostics.core.internal.config.ConfigDecoder.Dialect;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads one value into a Go field type the way yaml.v3 does ({@code string}, {@code bool}, {@code int},
 * {@code uint}, {@code uint64}, {@code time.Duration}; in the JSON dialect a duration is a number of
 * seconds). Each reader answers null for an absent (null) value, and for a wrong one after recording a
 * problem with yaml.v3's {@code cannot unmarshal} line and our sentence and fix. {@code where} names the
 * field in messages, {@code key} is its key in the example a remediation shows.
 */
final class GoScalarReader {
  private final ProblemCollector problems;

  GoScalarReader(ProblemCollector problems) {
    this.problems = problems;
  }

  /** A string field (any scalar's text); {@code goType} names the field's type in yaml.v3's line. */
  @Nullable String string(Node node, String where, String goType) {
    problems.visit(node);
    if (node instanceof ScalarNode scalar) {
      return ConfigNodes.isNull(scalar) ? null : scalar.getValue();
    }
    problems.typeError(node, goType, where, "a single value", "write one value after the colon (quote it if it contains `: ` or starts with `*`, `&`, `[` or `{`)");
    return null;
  }

  /** {@link #string}, with the empty string for an absent or wrong value. */
  String stringOrEmpty(Node node, String where, String goType) {
    String value = string(node, where, goType);
    return value == null ? "" : value;
  }

  @Nullable Boolean bool(Node node, String where, String key) {
    problems.visit(node);
    if (node instanceof ScalarNode scalar) {
      YamlScalar resolved = YamlScalar.of(scalar);
      if (resolved.isNull()) {
        return null;
      }
      Boolean value = resolved.asBool();
      if (value != null) {
        return value;
      }
    }
    problems.typeError(node, "bool", where, "true or false",
        "write `" + key + ": true` or `" + key + ": false` without quotes (a quoted \"true\" is a string to cloudflared)");
    return null;
  }

  /** An int, uint or uint64 field ({@code goType}); null when absent or wrong (then a problem is recorded). */
  @Nullable Long integer(Node node, String where, String key, String goType) {
    problems.visit(node);
    if (node instanceof ScalarNode scalar) {
      YamlScalar resolved = YamlScalar.of(scalar);
      if (resolved.isNull()) {
        return null;
      }
      boolean unsigned = goType.startsWith("uint");
      if (resolved.value() instanceof BigInteger big) {
        boolean fits = unsigned ? big.signum() >= 0 : big.bitLength() < 64;
        if (fits) {
          return big.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        }
      } else if (resolved.value() instanceof Double d && !d.isNaN() && !d.isInfinite()
          && (unsigned ? d >= 0 && d < 0x1p64 : d < 0x1p63 && d >= -0x1p63)) {
        return (long) d.doubleValue(); // yaml.v3 truncates a float into an int field
      } else if (problems.dialect() == Dialect.JSON && resolved.value() instanceof Double d && !d.isNaN()) {
        return (long) d.doubleValue();
      }
    }
    problems.typeError(node, goType, where, (goType.startsWith("uint") ? "a whole number of 0 or more" : "a whole number"),
        "write a plain number without quotes or units, e.g. `" + key + ": 100`");
    return null;
  }

  /** An {@link #integer} clamped into Java's int range (cloudflared's int fields are 64-bit). */
  static @Nullable Integer toInt(@Nullable Long value) {
    if (value == null) {
      return null;
    }
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  /** A {@code time.Duration} field: a Go duration string in YAML, a number of seconds in JSON. */
  @Nullable Duration duration(Node node, String where, String key) {
    problems.visit(node);
    if (problems.dialect() == Dialect.JSON) {
      return jsonSeconds(node, where);
    }
    String goError = "";
    if (node instanceof ScalarNode scalar) {
      YamlScalar resolved = YamlScalar.of(scalar);
      if (resolved.isNull()) {
        return null;
      }
      if (resolved.value() instanceof String text) {
        try {
          return GoDuration.parse(text);
        } catch (GoDuration.ParseException e) {
          goError = e.getMessage();
        }
      }
      String remediation;
      if (resolved.value() instanceof BigInteger || resolved.value() instanceof Double) {
        remediation = "add a unit: `" + key + ": " + scalar.getValue() + "s` (units: ns, us, ms, s, m, h; e.g. 30s, 1m30s, 300ms)";
      } else if (resolved.tag().equals(YamlScalar.STR) && goError.contains("missing unit")) {
        remediation = "add a unit: `" + key + ": " + scalar.getValue() + "s` (units: ns, us, ms, s, m, h; e.g. 30s, 1m30s, 300ms)";
      } else {
        remediation = "write a Go duration such as `" + key + ": 30s`, `1m30s` or `300ms` (units: ns, us, ms, s, m, h)";
      }
      String detail = goError.isEmpty() ? "" : " (" + goError + ")";
      problems.recordTypeError(node, "time.Duration",
          where + " is " + TypeErrorText.describe(node) + ", but cloudflared needs a Go duration string such as \"30s\", \"1m30s\" or \"300ms\"" + detail,
          remediation);
      return null;
    }
    problems.typeError(node, "time.Duration", where, "a Go duration string such as \"30s\"", "write a Go duration such as `" + key + ": 30s`");
    return null;
  }

  private @Nullable Duration jsonSeconds(Node node, String where) {
    if (node instanceof ScalarNode scalar) {
      YamlScalar resolved = YamlScalar.of(scalar);
      if (resolved.isNull()) {
        return null;
      }
      if (resolved.value() instanceof BigInteger big) {
        return Duration.ofSeconds(big.min(BigInteger.valueOf(Long.MAX_VALUE / 1_000_000_000L)).longValue());
      }
      if (resolved.value() instanceof Double d && !d.isNaN() && !d.isInfinite()) {
        return Duration.ofNanos(new BigDecimal(d).movePointRight(9).longValue());
      }
    }
    problems.typeError(node, "config.CustomDuration", where, "a number of seconds", "report this connector's /config output; durations there are numbers of seconds");
    return null;
  }
}
