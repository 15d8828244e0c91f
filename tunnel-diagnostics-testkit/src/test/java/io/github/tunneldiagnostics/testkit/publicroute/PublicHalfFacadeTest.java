package io.github.tunneldiagnostics.testkit.publicroute;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.core.CloudflareApiOptions;
import io.github.tunneldiagnostics.core.PublicRouteOptions;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.report.ReportFormat;
import io.github.tunneldiagnostics.testkit.fake.EdgeFixture;
import io.github.tunneldiagnostics.testkit.fake.FakeCloudflareApi;
import io.github.tunneldiagnostics.testkit.fake.FakeDnsServer;
import io.github.tunneldiagnostics.testkit.fake.FakeEdge;
import io.github.tunneldiagnostics.testkit.fake.FakeOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both halves through the public Java API, against the testkit's loopback fakes only. */
class PublicHalfFacadeTest {
  static final String TUNNEL = "6ff42ae2-765d-4adf-8112-31c55c1551ef";

  @TempDir Path dir;

  @Test
  void theVisitorsSideAndTheAccountNameTheFirstBrokenLink() throws Exception {
    // given: the edge answers 1033 and the account shows the tunnel down, while the origin itself is healthy
    try (FakeOrigin origin = FakeOrigin.healthy().start();
        FakeDnsServer dns = FakeDnsServer.builder().zone("example.com").proxied("app.example.com").build().start();
        FakeEdge edge = FakeEdge.builder().answer("app.example.com", EdgeFixture.TUNNEL_DOWN_HTML).build().start();
        FakeCloudflareApi api = FakeCloudflareApi.builder().tunnel(TUNNEL, "down", "local").zone("example.com")
            .record("app.example.com", "CNAME", TUNNEL + ".cfargotunnel.com", true).build().start()) {
      Path config = Files.writeString(dir.resolve("config.yml"), "tunnel: " + TUNNEL + "\ningress:\n  - hostname: app.example.com\n"
          + "    service: " + origin.serviceUrl() + "\n  - service: http_status:404\n");
      TunnelDiagnostics diagnostics = TunnelDiagnostics.forConfig(config).noConnector().timeout(Duration.ofSeconds(30))
          .url(edge.url("app.example.com"))
          .publicRoute(PublicRouteOptions.builder().dnsServer(dns.address()).resolve(edge.resolveEntry("app.example.com"))
              .edgeCa(edge.writeCaPem(dir.resolve("ca.pem"))).build())
          .cloudflareApi(CloudflareApiOptions.builder().token(FakeCloudflareApi.TOKEN).accountId(FakeCloudflareApi.ACCOUNT)
              .apiUrl(api.baseUrl()).build());

      // when
      DiagnosisReport report = diagnostics.diagnose();

      // then
      assertThat(report.findings()).extracting(Finding::code).contains(FindingCode.EDGE_TUNNEL_UNAVAILABLE, FindingCode.ORIGIN_REACHABLE);
      assertThat(report.findings()).filteredOn(f -> f.code().equals(FindingCode.EDGE_TUNNEL_UNAVAILABLE)).extracting(Finding::check)
          .containsExactlyInAnyOrder("public.edge", "cloudflare-api");
      String text = ReportFormat.TEXT.writer().render(report);
      assertThat(text).contains("    [broken]   app.example.com: EDGE_TUNNEL_UNAVAILABLE\n");
      assertThat(api.calls()).contains("GET /accounts/" + FakeCloudflareApi.ACCOUNT + "/cfd_tunnel/" + TUNNEL,
          "GET /zones?name=app.example.com&per_page=50");
      assertThat(edge.requests()).hasSize(1);
    }
  }

  @Test
  void aRemotelyManagedTunnelsRulesAreMatchedAndProbedInsteadOfTheFiles() throws Exception {
    // given: the file routes app.example.com to a port where nothing listens; the dashboard's rules route it to the live app
    try (FakeOrigin origin = FakeOrigin.healthy().start();
        FakeCloudflareApi api = FakeCloudflareApi.builder().tunnel(TUNNEL, "healthy", "cloudflare")
            .connector("1bedc50d-42b3-473c-b108-ff3d10c0d925", "2026.8.2", 3)
            .remoteConfig(3, "{\"ingress\":[{\"hostname\":\"app.example.com\",\"service\":\"" + origin.serviceUrl() + "\"},"
                + "{\"service\":\"http_status:404\"}]}")
            .build().start()) {
      Path config = Files.writeString(dir.resolve("config.yml"), "tunnel: " + TUNNEL + "\ningress:\n  - hostname: app.example.com\n"
          + "    service: http://127.0.0.1:9\n  - service: http_status:404\n");

      // when
      DiagnosisReport report = TunnelDiagnostics.forConfig(config).noConnector().timeout(Duration.ofSeconds(30))
          .cloudflareApi(CloudflareApiOptions.builder().token(FakeCloudflareApi.TOKEN).accountId(FakeCloudflareApi.ACCOUNT)
              .apiUrl(api.baseUrl()).build())
          .diagnose();

      // then
      assertThat(report.ingress()).isNotNull();
      assertThat(report.ingress().source().location()).isEqualTo("Cloudflare API");
      assertThat(report.ingress().source().version()).isEqualTo(3);
      assertThat(report.findings()).extracting(Finding::code).contains(FindingCode.ORIGIN_REACHABLE, FindingCode.CONNECTOR_REMOTE_CONFIG)
          .doesNotContain(FindingCode.ORIGIN_CONNECTION_REFUSED, FindingCode.REMOTE_CONFIG_NOT_DELIVERED);
      assertThat(ReportFormat.TEXT.writer().render(report)).contains("Config:  the tunnel's remote configuration (read from the Cloudflare API,\n         version 3)");
    }
  }

  @Test
  void theTokenIsInNoOutputFormatAndNoToString() throws Exception {
    // given: a marker token; the fake accepts it and refuses every call for lack of permission
    String marker = "cfut_MARKERTOKEN0123456789abcdefghijklmnopqrstuv";
    try (FakeCloudflareApi api = FakeCloudflareApi.builder().token(marker).tunnel(TUNNEL, "healthy", "local").forbidden().build().start();
        FakeCloudflareApi wrong = FakeCloudflareApi.builder().token("another").tunnel(TUNNEL, "healthy", "local").build().start()) {
      Path config = Files.writeString(dir.resolve("config.yml"), "tunnel: " + TUNNEL + "\ningress:\n  - hostname: app.example.com\n"
          + "    service: http://127.0.0.1:9\n  - service: http_status:404\n");
      CloudflareApiOptions options = CloudflareApiOptions.builder().token(marker).accountId(FakeCloudflareApi.ACCOUNT).apiUrl(api.baseUrl()).build();
      CloudflareApiOptions rejected = CloudflareApiOptions.builder().token(marker).accountId(FakeCloudflareApi.ACCOUNT).apiUrl(wrong.baseUrl()).build();

      // when
      List<DiagnosisReport> reports = List.of(
          TunnelDiagnostics.forConfig(config).noConnector().cloudflareApi(options).diagnose(),
          TunnelDiagnostics.forConfig(config).noConnector().cloudflareApi(rejected).diagnose());

      // then
      assertThat(reports.get(0).findings()).extracting(Finding::code).contains(FindingCode.API_PERMISSION_MISSING);
      assertThat(reports.get(1).findings()).extracting(Finding::code).contains(FindingCode.API_TOKEN_INVALID);
      for (DiagnosisReport report : reports) {
        for (ReportFormat format : ReportFormat.values()) {
          assertThat(format.writer().render(report)).as(format.name()).doesNotContain(marker).doesNotContain("MARKERTOKEN");
        }
        assertThat(report.toString()).doesNotContain("MARKERTOKEN");
      }
      assertThat(options.toString()).doesNotContain("MARKERTOKEN").contains("prefix=cfut_");
      assertThat(TunnelDiagnostics.forConfig(config).cloudflareApi(options).toString()).doesNotContain("MARKERTOKEN");
    }
  }
}
