package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.core.report.UrlMatch;
import static io.github.tunneldiagnostics.core.internal.report.ReportFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.ingress.OriginService;
import org.junit.jupiter.api.Test;

class UrlMatchTest {
  private static final OriginService SERVICE = new OriginService.Http("http", "127.0.0.1", 8080, "http://127.0.0.1:8080");

  @Test
  void explainsAMatchThroughTheIdnaAliasOfTheRuleHostname() {
    // given
    UrlMatch match = new UrlMatch(RouteUrl.parse("https://app.example.com/"), rule(0, "App.Example.COM", "", SERVICE), false);

    // when
    String explanation = match.explanation();

    // then
    assertThat(explanation).isEqualTo(
        "The host equals the IDNA form of the rule's hostname (lower case, punycode), which cloudflared also accepts;"
            + " it is the first rule that matches.");
  }

  @Test
  void explainsARuleForAnyHostWithAPath() {
    // given
    UrlMatch match = new UrlMatch(RouteUrl.parse("https://x.test/v2/api"), rule(0, "", "/api", SERVICE), false);

    // when
    String explanation = match.explanation();

    // then
    assertThat(explanation).isEqualTo(
        "The rule accepts every hostname and its path regex '/api' matches '/v2/api' (unanchored, like Go's"
            + " regexp.MatchString); it is the first rule that matches.");
  }

  @Test
  void explainsTheCatchAllWithoutAPathWhenTheUrlHasNone() {
    // given
    UrlMatch match = new UrlMatch(RouteUrl.parse("https://x.test"), rule(1, "", "", new OriginService.HttpStatus(404)), true);

    // when
    String explanation = match.explanation();

    // then
    assertThat(explanation).isEqualTo("No rule before it matches host 'x.test', so the last rule answers, as cloudflared always does.");
  }
}
