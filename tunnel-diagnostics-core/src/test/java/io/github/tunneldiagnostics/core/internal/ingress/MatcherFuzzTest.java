package io.github.tunneldiagnostics.core.internal.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the indexed matcher against cloudflared's linear first-match scan: for any rules the loader
 * accepts and any request host and path, both name the same rule.
 */
@Tag("fuzz")
class MatcherFuzzTest {
  private static final List<String> LABELS = List.of("*", "a", "App", "bücher", "xn--bcher-kva", "ß", "x_y", "*.b", "");
  private static final List<String> DOMAINS = List.of("example.com", "Example.com", "example.org", "com", "b.example.com");
  private static final List<String> PATHS = List.of("", "^/a", "/a", "(?i)^/B", "^/a/b$", "^$", "(", "\\.css$", "/*", "^/api(/|$)");

  @FuzzTest(maxDuration = "10s")
  void indexedMatcherAgreesWithTheLinearScan(FuzzedDataProvider data) {
    // given
    StringBuilder yaml = new StringBuilder("ingress:\n");
    int rules = data.consumeInt(1, 12);
    for (int i = 0; i < rules; i++) {
      String hostname = data.consumeBoolean()
          ? data.pickValue(LABELS) + "." + data.pickValue(DOMAINS)
          : data.consumeString(24);
      String path = data.consumeBoolean() ? data.pickValue(PATHS) : data.consumeString(16);
      yaml.append("  - hostname: ").append(quoted(hostname)).append('\n');
      if (!path.isEmpty()) {
        yaml.append("    path: ").append(quoted(path)).append('\n');
      }
      yaml.append("    service: http://localhost:").append(8000 + i).append('\n');
    }
    yaml.append("  - service: http_status:404\n");
    IngressModel model;
    try {
      model = ConfigLoader.parse(yaml.toString(), Path.of("/fuzz/config.yml"));
    } catch (ConfigException e) {
      return;
    }
    IngressMatcher indexed = IngressMatcher.of(model);
    LinearIngressMatcher linear = LinearIngressMatcher.of(model);

    // when / then
    for (int request = 0; request < 8 && data.remainingBytes() > 0; request++) {
      String host = data.consumeBoolean() ? data.pickValue(LABELS).replace("*", "q") + "." + data.pickValue(DOMAINS) : data.consumeString(24);
      String path = data.consumeString(24);
      assertThat(indexed.match(host, path)).as("%s %s in%n%s", host, path, yaml).isEqualTo(linear.match(host, path));
    }
  }

  /** A YAML double-quoted scalar holding exactly {@code value}. */
  private static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    value.codePoints().forEach(c -> {
      if (c == '"' || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfeff || (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.append('"').toString();
  }
}
