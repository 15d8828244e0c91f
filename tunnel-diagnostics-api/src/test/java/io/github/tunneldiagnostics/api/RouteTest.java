package io.github.tunneldiagnostics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class RouteTest {

  @Test
  void aRouteOfAUrlCarriesItAndIsNamedByIt() {
    // when
    Route route = Route.forUrl(RouteUrl.parse("https://app.example.com/api"), 1, "http://127.0.0.1:8080");

    // then
    assertThat(route.url()).contains(RouteUrl.parse("https://app.example.com/api"));
    assertThat(route.rule()).isEqualTo(1);
    assertThat(route.service()).isEqualTo("http://127.0.0.1:8080");
    assertThat(route.label()).isEqualTo("https://app.example.com/api");
    assertThat(route).hasToString("Route[url=https://app.example.com/api, rule=1, service=http://127.0.0.1:8080]");
  }

  @Test
  void aRouteOfAWholeRuleHasNoUrlAndIsNamedByTheRule() {
    // when
    Route route = Route.forRule(2, "http_status:404");

    // then
    assertThat(route.url()).isEmpty();
    assertThat(route.label()).isEqualTo("rule #2");
    assertThat(route).hasToString("Route[url=rule #2, rule=2, service=http_status:404]");
  }

  @Test
  void refusesANegativeRule() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Route.forRule(-1, "http_status:404"))
        .withMessage("'rule' must not be negative but was -1");
  }

  @Test
  void neverShowsAPasswordOrATokenOfItsUrl() {
    // given
    Route route = Route.forUrl(RouteUrl.parse("https://alice:s3cret@app.example.com/?token=abc123"), 0, "http://127.0.0.1:8080");

    // when / then
    assertThat(route).hasToString("Route[url=https://****@app.example.com/?token=****, rule=0, service=http://127.0.0.1:8080]");
  }

  @Test
  void isEqualWhenUrlRuleAndServiceAreEqual() {
    assertThat(Route.forRule(0, "http://127.0.0.1:8080")).isEqualTo(Route.forRule(0, "http://127.0.0.1:8080"))
        .hasSameHashCodeAs(Route.forRule(0, "http://127.0.0.1:8080"))
        .isNotEqualTo(Route.forRule(1, "http://127.0.0.1:8080"))
        .isNotEqualTo(Route.forUrl(RouteUrl.parse("https://app.example.com/"), 0, "http://127.0.0.1:8080"));
  }
}
