package io.github.tunneldiagnostics.core.internal.seat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteArgumentsTest {

  @Test
  void aRouteOfAUrlCrossesTheCommandLineWithItsUrl() {
    // given
    Route route = Route.forUrl(RouteUrl.parse("https://app.example.com/api?x=1"), 1, "http://127.0.0.1:8080");

    // when
    List<String> args = RouteArguments.of(route);

    // then
    assertThat(args).containsExactly("--route", "1", "https://app.example.com/api?x=1", "http://127.0.0.1:8080");
    assertThat(RouteArguments.parse(args.get(1), args.get(2), args.get(3))).isEqualTo(route);
  }

  @Test
  void aRouteOfAWholeRuleCrossesTheCommandLineWithAnEmptyUrl() {
    // given
    Route route = Route.forRule(2, "http_status:404");

    // when
    List<String> args = RouteArguments.of(route);

    // then
    assertThat(args).containsExactly("--route", "2", "", "http_status:404");
    assertThat(RouteArguments.parse(args.get(1), args.get(2), args.get(3))).isEqualTo(route);
  }
}
