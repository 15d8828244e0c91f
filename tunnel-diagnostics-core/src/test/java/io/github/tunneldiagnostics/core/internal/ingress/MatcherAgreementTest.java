package io.github.tunneldiagnostics.core.internal.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Property-style: the indexed matcher and cloudflared's linear scan agree on generated rules and requests. */
class MatcherAgreementTest {
  private static final List<String> LABELS = List.of("a", "b", "App", "app", "bücher", "xn--bcher-kva", "ß", "xn--zca", "x_y", "", "*");
  private static final List<String> DOMAINS = List.of("example.com", "Example.com", "example.org", "com", "b.example.com");
  private static final List<String> PATHS = List.of("", "", "", "^/a", "/a", "(?i)^/B", "^/a/b$", "^$", "(", "\\.css$");
  private static final List<String> REQUEST_PATHS = List.of("/", "", "/a", "/A", "/b", "/B", "/a/b", "/x/a", "/s.css", "/a%2F");

  private static String hostname(Random random) {
    int kind = random.nextInt(10);
    String domain = DOMAINS.get(random.nextInt(DOMAINS.size()));
    String label = LABELS.get(random.nextInt(LABELS.size()));
    return switch (kind) {
      case 0 -> "";
      case 1 -> "*";
      case 2, 3 -> "*." + domain;
      case 4 -> domain;
      case 5 -> "*" + domain;
      default -> label.isEmpty() ? domain : label + "." + domain;
    };
  }

  private static String requestHost(Random random) {
    String host = random.nextInt(4) == 0 ? DOMAINS.get(random.nextInt(DOMAINS.size())) : hostname(random).replace("*", "q");
    return switch (random.nextInt(8)) {
      case 0 -> host + ":8443";
      case 1 -> host + ".";
      case 2 -> host.toUpperCase(java.util.Locale.ROOT);
      case 3 -> "c." + host;
      default -> host;
    };
  }

  @Test
  void indexedAndLinearMatchersAgreeOnGeneratedRulesAndRequests() {
    // given
    Random random = new Random(20261125L);
    int compared = 0;
    int specific = 0;
    for (int model = 0; model < 300; model++) {
      Rules rules = Rules.builder();
      int count = 1 + random.nextInt(25);
      for (int i = 0; i < count; i++) {
        rules.rule(hostname(random), PATHS.get(random.nextInt(PATHS.size())), "http://localhost:" + (8000 + i));
      }
      rules.rule("", "http_status:404");
      IngressModel built = rules.build();
      IngressMatcher indexed = IngressMatcher.of(built);
      LinearIngressMatcher linear = LinearIngressMatcher.of(built);

      // when / then
      for (int request = 0; request < 200; request++) {
        String host = requestHost(random);
        String path = REQUEST_PATHS.get(random.nextInt(REQUEST_PATHS.size()));
        assertThat(indexed.match(host, path)).as("%s %s in %s", host, path, built.rules()).isEqualTo(linear.match(host, path));
        compared++;
        specific += indexed.match(host, path).catchAllFallback() ? 0 : 1;
      }
    }
    assertThat(compared).isEqualTo(60_000);
    assertThat(specific).as("requests served by a specific rule").isGreaterThan(compared / 5);
  }

  @Test
  void indexedShadowAnalysisAgreesWithComparingEveryPairOfRules() {
    // given
    Random random = new Random(7L);
    int shadowed = 0;
    for (int model = 0; model < 300; model++) {
      Rules rules = Rules.builder();
      int count = 1 + random.nextInt(25);
      for (int i = 0; i < count; i++) {
        rules.rule(hostname(random), PATHS.get(random.nextInt(PATHS.size())), "http://localhost:" + (8000 + i));
      }
      rules.rule("", "http_status:404");
      IngressModel built = rules.build();

      // when
      List<io.github.tunneldiagnostics.api.check.Finding> findings = IngressValidator.validate(built);
      int limit = findings.stream()
          .filter(f -> f.code().equals(io.github.tunneldiagnostics.api.check.FindingCode.INGRESS_INVALID))
          .mapToInt(f -> f.ruleIndex().orElse(built.rules().size()))
          .findFirst()
          .orElse(-1);
      boolean valid = limit < 0;
      int analysed = valid ? built.rules().size() : limit;
      List<String> expected = new java.util.ArrayList<>();
      List<CompiledRule> compiled = new java.util.ArrayList<>();
      for (int i = 0; i < analysed; i++) {
        compiled.add(new CompiledRule(built.rule(i)));
      }
      for (CompiledRule later : compiled) {
        if (!later.usable || (valid && later.index == analysed - 1)) {
          continue;
        }
        for (CompiledRule earlier : compiled) {
          if (earlier.index >= later.index) {
            break;
          }
          if (earlier.usable && RuleAnalysis.covers(earlier, later)) {
            expected.add(later.index + "<" + earlier.index);
            break;
          }
        }
      }

      // then
      List<String> actual = findings.stream()
          .filter(f -> f.code().equals(io.github.tunneldiagnostics.api.check.FindingCode.RULE_UNREACHABLE))
          .map(f -> f.ruleIndex().getAsInt() + "<" + f.evidence().get("shadowedBy"))
          .toList();
      assertThat(actual).as("%s", built.rules()).isEqualTo(expected);
      shadowed += actual.size();
    }
    assertThat(shadowed).as("shadowed rules found").isGreaterThan(50);
  }
}
