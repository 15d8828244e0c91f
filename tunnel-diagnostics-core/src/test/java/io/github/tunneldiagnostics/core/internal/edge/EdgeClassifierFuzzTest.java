package io.github.tunneldiagnostics.core.internal.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Fuzzes the edge classifier with any status, headers and body a hostile or broken edge could answer: it
 * always names one case of public-route.md §2.3, never throws, never hangs, and never echoes an Access JWT
 * from a {@code location} header.
 */
@Tag("fuzz")
class EdgeClassifierFuzzTest {
  private static final String[] HEADERS = {"server", "cf-ray", "cf-mitigated", "location", "cf-access-aud", "cf-error-type", "content-type"};
  private static final String[] VALUES = {"cloudflare", "8f0c6e1d2a3b4c5d-AMS", "challenge", "nginx", "1033",
      "https://team.cloudflareaccess.com/cdn-cgi/access/login/app.example.com?kid=abc&meta=eyJhbGciOi.eyJzdWIi.c2ln"};

  @FuzzTest(maxDuration = "10s")
  void anyEdgeAnswerHasOneCase(FuzzedDataProvider data) {
    // given
    int status = data.consumeInt(100, 599);
    List<String> headers = new ArrayList<>();
    int count = data.consumeInt(0, 5);
    for (int i = 0; i < count; i++) {
      headers.add(data.pickValue(HEADERS));
      headers.add(data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(80));
    }
    String body = data.consumeRemainingAsString();

    // when
    EdgeVerdict verdict = EdgeClassifier.classify(EdgeClassifierTest.response(status, body, headers.toArray(String[]::new)));

    // then
    assertThat(verdict.edgeCase()).isNotNull();
    for (int i = 0; i + 1 < headers.size(); i += 2) {
      if (headers.get(i).equals("location")) {
        assertThat(EdgeClassifier.safeLocation(headers.get(i + 1))).doesNotContain("eyJhbGciOi");
      }
    }
  }
}
