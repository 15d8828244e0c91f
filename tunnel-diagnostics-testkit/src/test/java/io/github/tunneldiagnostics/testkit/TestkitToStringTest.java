package io.github.tunneldiagnostics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.testkit.fake.FakeEdge;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The testkit's values that can hold what a test received or configured show no secret in their toString. */
class TestkitToStringTest {

  @Test
  void aServiceOverrideHidesAUrlPassword() {
    // when
    String text = new ServiceOverride("http://alice:s3cretMARK@127.0.0.1:8080", "http://127.0.0.1:8081").toString();

    // then
    assertThat(text).isEqualTo("http://****@127.0.0.1:8080 → http://127.0.0.1:8081 (service override)");
  }

  @Test
  void aRequestTheFakeEdgeReceivedHidesItsAuthorizationButKeepsItForAssertions() {
    // given
    FakeEdge.Request request = new FakeEdge.Request("app.example.com", "GET", "/?access_token=atMARK",
        Map.of("authorization", "Bearer bearerMARK0123456789"));

    // when
    String text = request.toString();

    // then
    assertThat(text).isEqualTo("Request[host=app.example.com, method=GET, target=/?access_token=****, headers={authorization=Bearer ****}]");
    assertThat(request.headers()).containsEntry("authorization", "Bearer bearerMARK0123456789");
  }
}
