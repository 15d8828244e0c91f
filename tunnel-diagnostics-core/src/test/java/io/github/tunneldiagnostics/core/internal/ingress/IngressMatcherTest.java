package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.core.RuleMatch;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** cloudflared's matching subtleties (cloudflared-semantics.md §c), checked on both matchers. */
class IngressMatcherTest {

  /** The index both matchers give; they must agree. */
  private static int index(IngressModel model, String host, String path) {
    RuleMatch indexed = IngressMatcher.of(model).match(host, path);
    RuleMatch linear = LinearIngressMatcher.of(model).match(host, path);
    assertThat(indexed).isEqualTo(linear);
    return indexed.index();
  }

  private static int urlIndex(IngressModel model, String url) {
    RuleMatch indexed = IngressMatcher.of(model).match(RouteUrl.parse(url));
    assertThat(LinearIngressMatcher.of(model).match(RouteUrl.parse(url))).isEqualTo(indexed);
    return indexed.index();
  }

  private static final IngressModel HOSTS = Rules.of(
      "app.example.com", "http://localhost:1",
      "*.example.com", "http://localhost:2",
      "*example.org", "http://localhost:3",
      "App.Example.NET", "http://localhost:4",
      "bücher.example.de", "http://localhost:5",
      "xn--caf-dma.example.de", "http://localhost:6",
      "ß.example.de", "http://localhost:7",
      "My_Host.example.de", "http://localhost:8",
      "*.Wild.example.de", "http://localhost:9",
      "*.bücher.example.at", "http://localhost:10",
      "::1", "http://localhost:11",
      "[::2]", "http://localhost:12",
      "", "http_status:404");

  @ParameterizedTest(name = "{0} -> rule #{1}")
  @CsvSource({
    // exact, first match wins, ports ignored via net.SplitHostPort
    "app.example.com, 0",
    "app.example.com:8443, 0",
    "app.example.com:, 0",
    "app.example.com:abc, 0",
    // no lower-casing (App.example.com misses rule #0 and lands on the wildcard), no trailing-dot stripping
    "App.example.com, 1",
    "App.Example.com, 12",
    "app.example.com., 12",
    // *.example.com: any depth of subdomain, never the apex, not a mere suffix, its literal text too
    "a.example.com, 1",
    "a.b.c.example.com, 1",
    "example.com, 12",
    "badexample.com, 12",
    "'*.example.com', 1",
    "A.EXAMPLE.COM, 12",
    // *example.org is only compared literally
    "'*example.org', 2",
    "badexample.org, 12",
    "a.example.org, 12",
    // an upper-case rule matches itself and its all-lower-case alias, nothing else
    "App.Example.NET, 3",
    "app.example.net, 3",
    "APP.EXAMPLE.NET, 12",
    // IDN: a Unicode rule matches the Unicode host and its punycode
    "bücher.example.de, 4",
    "xn--bcher-kva.example.de, 4",
    "BÜCHER.example.de, 12",
    // a punycode rule does not match the Unicode host
    "xn--caf-dma.example.de, 5",
    "café.example.de, 12",
    // UTS-46 non-transitional: ß becomes xn--zca, not ss
    "ß.example.de, 6",
    "xn--zca.example.de, 6",
    "ss.example.de, 12",
    // '_' has no alias (STD3), so case matters
    "My_Host.example.de, 7",
    "my_host.example.de, 12",
    // wildcards have no alias: case-sensitive, and a Unicode wildcard does not match punycode
    "a.Wild.example.de, 8",
    "a.wild.example.de, 12",
    "a.bücher.example.at, 9",
    "a.xn--bcher-kva.example.at, 12",
    // IPv6: bracketed with port is stripped, bracketed without port is kept as is
    "'[::1]:443', 10",
    "::1, 10",
    "'[::2]', 11",
    "'[::2]:80', 12",
  })
  void matchesHostsExactlyLikeCloudflared(String host, int expected) {
    // given / when / then
    assertThat(index(HOSTS, host, "/")).isEqualTo(expected);
  }

  @Test
  void fallsBackToTheLastRuleAndSaysSo() {
    // given
    IngressModel model = Rules.of("app.example.com", "http://localhost:1", "*", "http_status:404");

    // when
    RuleMatch hit = IngressMatcher.of(model).match("app.example.com", "/");
    RuleMatch miss = IngressMatcher.of(model).match("other.example.com", "/");

    // then
    assertThat(hit.catchAllFallback()).isFalse();
    assertThat(miss).isEqualTo(new RuleMatch(1, model.rule(1), true));
  }

  @Test
  void usesTheLastRuleEvenWhenItIsNotACatchAll() {
    // given: an invalid model, as cloudflared would never load it
    IngressModel model = Rules.of("app.example.com", "http://localhost:1", "b.example.com", "http://localhost:2");

    // when
    RuleMatch miss = IngressMatcher.of(model).match("c.example.com", "/");

    // then
    assertThat(miss).isEqualTo(new RuleMatch(1, model.rule(1), true));
    assertThat(index(model, "c.example.com", "/")).isEqualTo(1);
  }

  @Test
  void matchesPathsUnanchoredAndCaseSensitively() {
    // given
    IngressModel model = Rules.builder()
        .rule("app.example.com", "/api", "http://localhost:1")
        .rule("app.example.com", "^/static/", "http://localhost:2")
        .rule("app.example.com", "(?i)^/admin$", "http://localhost:3")
        .rule("app.example.com", "http://localhost:4")
        .rule("", "http_status:404")
        .build();

    // when / then
    assertThat(index(model, "app.example.com", "/api")).isEqualTo(0);
    assertThat(index(model, "app.example.com", "/v2/api/x")).isEqualTo(0);
    assertThat(index(model, "app.example.com", "/API")).isEqualTo(3);
    assertThat(index(model, "app.example.com", "/static/a.css")).isEqualTo(1);
    assertThat(index(model, "app.example.com", "/x/static/a.css")).isEqualTo(3);
    assertThat(index(model, "app.example.com", "/ADMIN")).isEqualTo(2);
    assertThat(index(model, "app.example.com", "/admin/x")).isEqualTo(3);
    assertThat(index(model, "other.example.com", "/api")).isEqualTo(4);
  }

  @Test
  void takesTheLowestIndexAcrossExactWildcardAnyHostAndAliasCandidates() {
    // given
    IngressModel model = Rules.builder()
        .rule("*.example.com", "^/a", "http://localhost:0")
        .rule("", "^/b", "http://localhost:1")
        .rule("App.example.com", "^/c", "http://localhost:2")
        .rule("app.example.com", "http://localhost:3")
        .rule("*.example.com", "http://localhost:4")
        .rule("", "http_status:404")
        .build();

    // when / then
    assertThat(index(model, "app.example.com", "/a")).isEqualTo(0);
    assertThat(index(model, "app.example.com", "/b")).isEqualTo(1);
    assertThat(index(model, "app.example.com", "/c")).isEqualTo(2);
    assertThat(index(model, "app.example.com", "/d")).isEqualTo(3);
    assertThat(index(model, "x.example.com", "/d")).isEqualTo(4);
    assertThat(index(model, "x.example.org", "/b")).isEqualTo(1);
    assertThat(index(model, "x.example.org", "/d")).isEqualTo(5);
  }

  @Test
  void readsUrlsLikeTheIngressRuleCommand() {
    // given
    IngressModel model = Rules.builder()
        .rule("app.example.com", "^/a/b$", "http://localhost:1")
        .rule("app.example.com", "^/api$", "http://localhost:2")
        .rule("app.example.com", "^$", "http://localhost:3")
        .rule("::1", "http://localhost:4")
        .rule("", "http_status:404")
        .build();

    // when / then: the path is percent-decoded, the query is not part of it, no path is ""
    assertThat(urlIndex(model, "https://app.example.com/a%2Fb")).isEqualTo(0);
    assertThat(urlIndex(model, "https://app.example.com/api?x=1")).isEqualTo(1);
    assertThat(urlIndex(model, "https://app.example.com/x?y=/api")).isEqualTo(4);
    assertThat(urlIndex(model, "https://app.example.com")).isEqualTo(2);
    assertThat(urlIndex(model, "https://app.example.com:8443/api")).isEqualTo(1);
    assertThat(urlIndex(model, "http://[::1]:8080/")).isEqualTo(3);
    // a scheme without a host is accepted and matches the empty host
    assertThat(urlIndex(model, "localhost:8080")).isEqualTo(4);
  }

  @Test
  void skipsRulesWhoseRegexDoesNotCompileInsteadOfFailing() {
    // given
    IngressModel model = Rules.builder()
        .rule("app.example.com", "^/(?!admin)", "http://localhost:1")
        .rule("app.example.com", "http://localhost:2")
        .rule("", "http_status:404")
        .build();

    // when / then
    assertThat(index(model, "app.example.com", "/x")).isEqualTo(1);
  }

  @Test
  void servesCloudflaredsDefault503RuleWhenThereAreNoRules() {
    // given
    IngressModel model = Rules.of();

    // when
    RuleMatch match = IngressMatcher.of(model).match("app.example.com", "/");

    // then
    assertThat(match.index()).isEqualTo(0);
    assertThat(match.catchAllFallback()).isTrue();
    assertThat(match.rule().service()).isEqualTo(new OriginService.HttpStatus(503));
    assertThat(LinearIngressMatcher.of(model).match("x", "/")).isEqualTo(match);
  }

  @Test
  void treatsBothCatchAllSpellingsAlike() {
    // given
    IngressModel empty = Rules.of("app.example.com", "http://localhost:1", "", "http_status:404");
    IngressModel star = Rules.of("app.example.com", "http://localhost:1", "*", "http_status:404");

    // when / then
    assertThat(IngressMatcher.of(empty).match("x.example.com", "/").catchAllFallback()).isTrue();
    assertThat(IngressMatcher.of(star).match("x.example.com", "/").catchAllFallback()).isTrue();
    assertThat(IngressMatcher.of(star).match("*", "/").index()).isEqualTo(1);
  }
}
