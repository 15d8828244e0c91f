package io.github.tunneldiagnostics.core.internal.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.core.internal.dns.CloudflareRanges;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixed order of public-route.md §2.3, on responses built in memory. */
class EdgeClassifierTest {

  static EdgeResponse response(int status, String body, String... headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], List.of(headers[i + 1]));
    }
    return new EdgeResponse("127.0.0.1:443", List.of(), status, map, body, body.getBytes(StandardCharsets.UTF_8).length,
        new EdgeResponse.TlsSession("TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of()), new EdgeResponse.Timings(0, 0, 0, 0));
  }

  static final String[] CF = {"server", "cloudflare", "cf-ray", "8f0c6e1d2a3b4c5d-AMS"};

  @Test
  void classifiesByCodeThenStatus() {
    Object[][] rows = {
        {530, "error code: 1033", EdgeCase.TUNNEL_DOWN, 1033, "text"},
        {530, "error code: 1016\n", EdgeCase.ORIGIN_DNS, 1016, "text"},
        {403, "<span class=\"cf-error-code\">1014</span>", EdgeCase.CNAME_CROSS_ACCOUNT, 1014, "html"},
        {403, "error code: 1000", EdgeCase.PROHIBITED_IP, 1000, "text"},
        {429, "{\"error_code\":1015,\"cloudflare_error\":true}", EdgeCase.RATE_LIMITED, 1015, "json"},
        {403, "{\"error_code\":1107,\"error_category\":\"access_denied\",\"cloudflare_error\":true}", EdgeCase.WAF_BLOCK, 1107, "json"},
        {502, "<title>app.example.com | 502: Bad gateway</title>", EdgeCase.BAD_GATEWAY, 502, "html"},
        {524, "error code: 524", EdgeCase.TIMEOUT, 524, "text"},
        {521, "error code: 521", EdgeCase.EDGE_5XX, 521, "text"},
        {530, "<html>something else</html>", EdgeCase.EDGE_1XXX_UNKNOWN, null, "html"},
        {502, "upstream went away", EdgeCase.BAD_GATEWAY, null, "text"},
        {500, "{\"error\":\"the app's own\"}", EdgeCase.REACHED_ORIGIN, null, "json"},
        {200, "ok", EdgeCase.REACHED_ORIGIN, null, "text"}};
    for (Object[] row : rows) {
      EdgeVerdict verdict = EdgeClassifier.classify(response((Integer) row[0], (String) row[1], CF));

      assertThat(verdict).as("%s %s", row[0], row[1]).isEqualTo(new EdgeVerdict((EdgeCase) row[2], (Integer) row[3], (String) row[4]));
    }
  }

  @Test
  void headersComeFirst() {
    // not Cloudflare beats any body; a challenge beats an error code; Access beats the status
    assertThat(EdgeClassifier.classify(response(530, "error code: 1033", "server", "nginx")).edgeCase()).isEqualTo(EdgeCase.NOT_CLOUDFLARE);
    assertThat(EdgeClassifier.classify(response(403, "error code: 1020", "cf-ray", "8f0c6e1d2a3b4c5d-AMS", "cf-mitigated", "challenge")).edgeCase())
        .isEqualTo(EdgeCase.CHALLENGE);
    assertThat(EdgeClassifier.classify(response(302, "", "server", "cloudflare", "location",
        "https://team.cloudflareaccess.com/cdn-cgi/access/login/app.example.com?kid=abc&meta=eyJ")).edgeCase()).isEqualTo(EdgeCase.ACCESS_LOGIN);
    assertThat(EdgeClassifier.classify(response(403, "denied", "server", "cloudflare", "cf-access-aud", "abc")).edgeCase())
        .isEqualTo(EdgeCase.ACCESS_DENIED);
    assertThat(EdgeClassifier.classify(response(302, "", "server", "cloudflare", "location", "https://app.example.com/login")).edgeCase())
        .isEqualTo(EdgeCase.REACHED_ORIGIN);
    assertThat(EdgeClassifier.classify(response(404, "", CF)).edgeCase()).isEqualTo(EdgeCase.CATCH_ALL_404);
    assertThat(EdgeClassifier.classify(response(404, "not here", CF)).edgeCase()).isEqualTo(EdgeCase.REACHED_ORIGIN);
    assertThat(EdgeClassifier.classify(response(503, "", CF)).edgeCase()).isEqualTo(EdgeCase.NO_INGRESS_503);
    assertThat(EdgeClassifier.classify(response(200, "x", "server", "nginx", "cf-error-type", "1016", "cf-ray", "x")).edgeCase())
        .isEqualTo(EdgeCase.ORIGIN_DNS);
  }

  @Test
  void accessLocationsAreCutBeforeTheJwt() {
    assertThat(EdgeClassifier.safeLocation("https://team.cloudflareaccess.com/cdn-cgi/access/login/app.example.com?kid=abc&redirect_url=%2F&meta=eyJ"))
        .isEqualTo("https://team.cloudflareaccess.com/cdn-cgi/access/login/app.example.com?kid=abc");
    assertThat(EdgeClassifier.safeLocation("https://x.example/login?meta=eyJ")).isEqualTo("https://x.example/login");
  }

  @Test
  void cloudflareRangesHoldTheAnycastAndNotLoopbackOrThePlaceholder() throws Exception {
    CloudflareRanges ranges = CloudflareRanges.builtIn();
    assertThat(ranges.contains(InetAddress.getByName("104.16.1.1"))).isTrue();
    assertThat(ranges.contains(InetAddress.getByName("2606:4700::6810:101"))).isTrue();
    assertThat(ranges.contains(InetAddress.getByName("172.72.0.1"))).isFalse(); // just past 172.64.0.0/13
    assertThat(ranges.contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    assertThat(ranges.contains(InetAddress.getByName("fd10:aec2:5dae::"))).isFalse();
  }
}
