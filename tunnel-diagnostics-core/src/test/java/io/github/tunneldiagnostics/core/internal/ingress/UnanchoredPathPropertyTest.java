package io.github.tunneldiagnostics.core.internal.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.re2j.internal.Pattern;
import io.github.tunneldiagnostics.re2j.internal.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The property: for every PATH_REGEX_UNANCHORED finding (the check {@code ingress} makes them with
 * {@link UnanchoredPath#finding}), over paths built from the pieces people write
 * (literals, globs, regex classes, alternations, anchors), the suggested regex, compiled with Go's syntax,
 * no longer matches the surprising example and still matches the intended path, which the written path
 * matches too.
 */
class UnanchoredPathPropertyTest {
  private static final List<String> PIECES = List.of(
      "/api", "/v1", "/static", "/*", "/", "*", ".*", "\\.css", ".php", "[0-9]+", "(/|$)", "|/web", "$", "/x-y", "?", "/admin",
      "(foo|bar)", "/.well-known", "/api/", "+", "/**", "[^/]*", "\\$", "/img/*.png");
  private static final long SEED = 8_2026L; // fixed: the cases are the same on every run
  private static final int CASES = 3_000;

  @Test
  void everySuggestedPathMissesTheSurpriseAndKeepsTheIntendedPath() {
    Random random = new Random(SEED);
    int checked = 0;
    int globs = 0;
    for (int i = 0; i < CASES; i++) {
      String path = randomPath(random);
      if (!compiles(path)) {
        continue;
      }
      IngressRule rule = IngressRule.builder().index(0).hostname("app.example.com").path(path).service("http://localhost:1").build();
      for (Finding finding : UnanchoredPath.finding(rule).stream().toList()) {
        if (!finding.code().equals(FindingCode.PATH_REGEX_UNANCHORED)) {
          continue;
        }
        Pattern written = Pattern.compile(path);
        Pattern suggested = Pattern.compile(finding.evidence().get("suggestedPath"));
        String intended = finding.evidence().get("intendedMatch");
        assertThat(suggested.matcher(intended).find()).as("%s: suggested %s keeps %s", path, suggested, intended).isTrue();
        boolean saysItMisses = finding.message().contains(", so it does not match " + intended);
        assertThat(written.matcher(intended).find()).as("%s matches its intended path %s unless it says so", path, intended)
            .isNotEqualTo(saysItMisses);
        String surprise = finding.evidence().get("exampleMatch");
        if (surprise != null) {
          assertThat(written.matcher(surprise).find()).as("%s matches the surprise %s", path, surprise).isTrue();
          assertThat(suggested.matcher(surprise).find()).as("%s: suggested %s misses %s", path, suggested, surprise).isFalse();
        } else if (!saysItMisses) {
          assertThat(written.matcher("").find()).as("%s without a surprise matches every path", path).isTrue();
        }
        assertThat(finding.remediation()).contains(finding.evidence().get("suggestedPath"));
        checked++;
        if (finding.message().contains("looks like a glob")) {
          globs++;
        }
      }
    }
    assertThat(checked).as("findings checked").isGreaterThan(150);
    assertThat(globs).as("glob findings checked").isGreaterThan(40);
  }

  private static String randomPath(Random random) {
    StringBuilder path = new StringBuilder(random.nextInt(4) == 0 ? "^" : "");
    int pieces = 1 + random.nextInt(4);
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < pieces; i++) {
      chosen.add(PIECES.get(random.nextInt(PIECES.size())));
    }
    chosen.forEach(path::append);
    return path.toString();
  }

  private static boolean compiles(String regex) {
    try {
      Pattern.compile(regex);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }
}
