package io.github.tunneldiagnostics.core.internal.connector;

import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Rule-by-rule differences between the config file and what a connector runs ({@code /config}): the
 * hostname, path and service of each rule and every effective {@code originRequest} field. Durations are
 * compared in whole seconds, because {@code /config} reports seconds. {@code ipRules} are not compared:
 * {@code /config} does not show them.
 */
final class ConfigDrift {

  /**
   * One difference.
   *
   * @param rule the 0-based rule index
   * @param field the field, e.g. {@code service} or {@code originRequest.connectTimeout}
   * @param fileValue the value in the file ({@code (none)} when the rule is not there)
   * @param runningValue the value the connector runs
   */
  record Difference(int rule, String field, String fileValue, String runningValue) {
    String describe() {
      return "rule #" + rule + " " + field + ": file " + fileValue + ", running " + runningValue;
    }
  }

  private record Field(String name, Function<OriginRequest, Object> value) {}

  private static final List<Field> ORIGIN_REQUEST =
      List.of(
          new Field("connectTimeout", o -> seconds(o.connectTimeout())),
          new Field("tlsTimeout", o -> seconds(o.tlsTimeout())),
          new Field("tcpKeepAlive", o -> seconds(o.tcpKeepAlive())),
          new Field("noHappyEyeballs", OriginRequest::noHappyEyeballs),
          new Field("keepAliveConnections", OriginRequest::keepAliveConnections),
          new Field("keepAliveTimeout", o -> seconds(o.keepAliveTimeout())),
          new Field("httpHostHeader", OriginRequest::httpHostHeader),
          new Field("originServerName", OriginRequest::originServerName),
          new Field("matchSNItoHost", OriginRequest::matchSNItoHost),
          new Field("caPool", OriginRequest::caPool),
          new Field("noTLSVerify", OriginRequest::noTLSVerify),
          new Field("disableChunkedEncoding", OriginRequest::disableChunkedEncoding),
          new Field("bastionMode", OriginRequest::bastionMode),
          new Field("proxyAddress", OriginRequest::proxyAddress),
          new Field("proxyPort", OriginRequest::proxyPort),
          new Field("proxyType", OriginRequest::proxyType),
          new Field("http2Origin", OriginRequest::http2Origin),
          new Field("access", o -> String.valueOf(o.access())));

  private ConfigDrift() {}

  static List<Difference> between(IngressModel file, IngressModel running) {
    List<Difference> out = new ArrayList<>();
    int count = Math.max(file.rules().size(), running.rules().size());
    for (int i = 0; i < count; i++) {
      if (i >= file.rules().size()) {
        out.add(new Difference(i, "rule", "(none)", describe(running.rule(i))));
        continue;
      }
      if (i >= running.rules().size()) {
        out.add(new Difference(i, "rule", describe(file.rule(i)), "(none)"));
        continue;
      }
      IngressRule f = file.rule(i);
      IngressRule r = running.rule(i);
      compare(out, i, "hostname", show(f.hostname()), show(r.hostname()));
      compare(out, i, "path", show(f.path()), show(r.path()));
      compare(out, i, "service", f.service().toString(), r.service().toString());
      for (Field field : ORIGIN_REQUEST) {
        compare(out, i, "originRequest." + field.name, String.valueOf(field.value.apply(f.originRequest())), String.valueOf(field.value.apply(r.originRequest())));
      }
    }
    return out;
  }

  private static void compare(List<Difference> out, int rule, String field, String fileValue, String runningValue) {
    if (!Objects.equals(fileValue, runningValue)) {
      out.add(new Difference(rule, field, fileValue, runningValue));
    }
  }

  private static String describe(IngressRule rule) {
    return (rule.hostname().isEmpty() ? "(any host)" : rule.hostname()) + (rule.path().isEmpty() ? "" : " path " + rule.path()) + " -> " + rule.service();
  }

  private static String show(String value) {
    return value.isEmpty() ? "(none)" : value;
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }
}
