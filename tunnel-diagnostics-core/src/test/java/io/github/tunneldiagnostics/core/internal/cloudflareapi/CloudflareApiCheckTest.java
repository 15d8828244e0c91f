package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiStubs.ACCOUNT;
import static io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiStubs.OTHER_TUNNEL;
import static io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiStubs.TUNNEL;
import static io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiStubs.ZONE_ID;
import static io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiStubs.client;
import static io.github.tunneldiagnostics.core.internal.cloudflareapi.ApiStubs.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.report.ReportFormat;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The account's view against WireMock stubs of every envelope (public-route.md §3.3–3.4, decision table §4). */
class CloudflareApiCheckTest {
  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  @TempDir Path dir;
  private ApiStubs stubs;

  @BeforeEach
  void stubs() {
    stubs = new ApiStubs(api);
  }

  private DiagnosisReport diagnose(String token, @Nullable String tunnel, String... hosts) throws Exception {
    StringBuilder config = new StringBuilder(tunnel != null ? "tunnel: " + tunnel + "\n" : "").append("ingress:\n");
    for (String host : hosts) {
      config.append("  - hostname: ").append(host).append("\n    service: http://127.0.0.1:8080\n");
    }
    config.append("  - service: http_status:404\n");
    Path file = Files.writeString(dir.resolve("config.yml"), config);
    ApiSettings settings = ApiSettings.from(Map.of("CLOUDFLARE_API_TOKEN", token, "CLOUDFLARE_ACCOUNT_ID", ACCOUNT),
        URI.create(api.baseUrl() + "/client/v4"), null, null, null);
    return Diagnosis.builder().ingress(ConfigLoader.load(file)).check(new CloudflareApiCheck(settings, tunnel))
        .timeout(Duration.ofSeconds(10)).build().run();
  }

  private static final String AUTH = "token present (prefix none), account " + ACCOUNT + " from CLOUDFLARE_ACCOUNT_ID";
  private static final String TUNNEL_ENDPOINT = "GET /accounts/" + ACCOUNT + "/cfd_tunnel/" + TUNNEL;

  private static Finding only(DiagnosisReport report, String code) {
    List<Finding> found = report.findings().stream().filter(f -> f.code().equals(code)).toList();
    assertThat(found).as("findings %s in %s", code, report.findings()).hasSize(1);
    return found.get(0);
  }

  private static List<String> codes(DiagnosisReport report) {
    return report.findings().stream().map(Finding::code).toList();
  }

  @Test
  void remotelyManagedTunnelWithReplicasOnDifferentVersions() throws Exception {
    // given: decision table #23 and #25: config_src cloudflare, two connectors on config 7 and 5
    stubs.tunnel("healthy", "cloudflare")
        .connections(client("1bedc50d-42b3-473c-b108-ff3d10c0d925", 7, "2026.8.2", "AMS"), client("9a6f0a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", 5, "2025.2.0", "FRA"))
        .configV7().zone("example.com", ZONE_ID)
        .records(ZONE_ID, "app.example.com", record("app.example.com", "CNAME", TUNNEL + ".cfargotunnel.com", true));

    // when
    DiagnosisReport report = diagnose("test-token", TUNNEL, "app.example.com");

    // then: a proxied CNAME to this tunnel is no finding; one replica runs v7, so the config was delivered
    assertThat(codes(report)).containsExactlyInAnyOrder(FindingCode.CONNECTOR_REMOTE_CONFIG, FindingCode.CONNECTOR_CONFIG_DIVERGENT);
    Finding remote = only(report, FindingCode.CONNECTOR_REMOTE_CONFIG);
    assertThat(remote.severity()).isEqualTo(Severity.WARNING);
    assertThat(remote.subject()).isEqualTo("tunnel " + TUNNEL);
    assertThat(remote.message()).isEqualTo("Tunnel " + TUNNEL + " is managed remotely (config_src cloudflare): its connectors serve the ingress "
        + "set in the dashboard or API, and the config file's ingress is ignored.");
    Finding divergent = only(report, FindingCode.CONNECTOR_CONFIG_DIVERGENT);
    assertThat(divergent.message()).isEqualTo("The 2 connectors of tunnel " + TUNNEL + " run different config versions 7 / 5 and cloudflared "
        + "versions 2026.8.2 / 2025.2.0: a visitor's answer depends on the connection the edge picks. Connectors: "
        + "1bedc50d-42b3-473c-b108-ff3d10c0d925 (cloudflared 2026.8.2, config version 7, AMS, from 203.0.113.7); "
        + "9a6f0a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b (cloudflared 2025.2.0, config version 5, FRA, from 203.0.113.7).");
    assertThat(divergent.evidence()).containsEntry("api.endpoint", TUNNEL_ENDPOINT + "/connections").containsEntry("api.auth", AUTH);
  }

  @Test
  void remoteConfigurationThatNoConnectorRuns() throws Exception {
    // given: decision table #24: version 7 remotely, every connector on 0
    stubs.tunnel("healthy", "cloudflare").connections(client("1bedc50d-42b3-473c-b108-ff3d10c0d925", 0, "2026.8.2", "AMS")).configV7()
        .zone("example.com", ZONE_ID).records(ZONE_ID, "app.example.com", record("app.example.com", "CNAME", TUNNEL + ".cfargotunnel.com", true));

    // when
    Finding finding = only(diagnose("test-token", TUNNEL, "app.example.com"), FindingCode.REMOTE_CONFIG_NOT_DELIVERED);

    // then
    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    assertThat(finding.message()).isEqualTo("The remote configuration of tunnel " + TUNNEL + " is at version 7 (2 ingress rules), but no "
        + "connector runs it: 1bedc50d-42b3-473c-b108-ff3d10c0d925 (cloudflared 2026.8.2, config version 0, AMS, from 203.0.113.7). They answer "
        + "with cloudflared's default rule (503) instead.");
    assertThat(finding.evidence()).containsEntry("api.configVersion", "7")
        .containsEntry("api.rules", "app.example.com → http://127.0.0.1:8080; * → http_status:404");
  }

  @Test
  void tunnelDownOrNeverRunHasNoConnector() throws Exception {
    // given: decision table #10
    stubs.tunnel("down", "local").connections().zone("example.com", ZONE_ID)
        .records(ZONE_ID, "app.example.com", record("app.example.com", "CNAME", TUNNEL + ".cfargotunnel.com", true));

    // when
    Finding down = only(diagnose("test-token", TUNNEL, "app.example.com"), FindingCode.EDGE_TUNNEL_UNAVAILABLE);
    stubs.tunnel("inactive", "local");
    Finding inactive = only(diagnose("test-token", TUNNEL, "app.example.com"), FindingCode.EDGE_TUNNEL_UNAVAILABLE);

    // then
    assertThat(down.message()).isEqualTo("The account shows tunnel " + TUNNEL + " (example-tunnel) as down since 2026-11-25T11:00:00Z: no "
        + "connector is connected, so every hostname routed to it answers 530 / error 1033.");
    assertThat(down.remediation()).isEqualTo("Start cloudflared for this tunnel (cloudflared tunnel run " + TUNNEL + ") and check that it "
        + "connects (its /ready).");
    assertThat(inactive.message()).isEqualTo("The account shows tunnel " + TUNNEL + " (example-tunnel) as inactive: no connector is "
        + "connected, so every hostname routed to it answers 530 / error 1033.");
  }

  @Test
  void tunnelNotInTheAccount() throws Exception {
    // given
    stubs.tunnelMissing().zone("example.com", ZONE_ID)
        .records(ZONE_ID, "app.example.com", record("app.example.com", "CNAME", TUNNEL + ".cfargotunnel.com", true));

    // when
    Finding finding = only(diagnose("test-token", TUNNEL, "app.example.com"), FindingCode.CHECK_FAILED);

    // then
    assertThat(finding.message()).isEqualTo("Tunnel " + TUNNEL + " is not in account " + ACCOUNT + " (HTTP 404: 1003 Tunnel not found): it was "
        + "deleted, or it belongs to another account.");
    assertThat(finding.evidence()).containsEntry("api.errorCodes", "1003");
  }

  @Test
  void recordsThatDoNotReachThisTunnel() throws Exception {
    // given: decision table #1, #2, #3, #5 in one zone
    stubs.tunnel("healthy", "local").connections(client("1bedc50d-42b3-473c-b108-ff3d10c0d925", 0, "2026.8.2", "AMS"))
        .zone("example.com", ZONE_ID)
        .records(ZONE_ID, "other.example.com", record("other.example.com", "CNAME", OTHER_TUNNEL + ".cfargotunnel.com", true))
        .records(ZONE_ID, "grey.example.com", record("grey.example.com", "CNAME", TUNNEL + ".cfargotunnel.com", false))
        .records(ZONE_ID, "gone.example.com")
        .records(ZONE_ID, "legacy.example.com", record("legacy.example.com", "CNAME", TUNNEL + ".argotunnel.com", true));

    // when
    DiagnosisReport report = diagnose("test-token", TUNNEL, "other.example.com", "grey.example.com", "gone.example.com", "legacy.example.com");

    // then
    assertThat(codes(report)).containsExactlyInAnyOrder(FindingCode.DNS_ROUTES_TO_OTHER_TUNNEL, FindingCode.DNS_NOT_PROXIED,
        FindingCode.EDGE_CNAME_CROSS_ACCOUNT, FindingCode.DNS_NAME_NOT_FOUND);
    Finding other = only(report, FindingCode.DNS_ROUTES_TO_OTHER_TUNNEL);
    assertThat(other.message()).isEqualTo("In zone example.com, other.example.com is a CNAME to tunnel " + OTHER_TUNNEL + ", not to tunnel "
        + TUNNEL + " that this connector serves: visitors are sent to the other tunnel.");
    assertThat(other.evidence()).containsEntry("rule", "0").containsEntry("api.tunnel", OTHER_TUNNEL)
        .containsEntry("api.endpoint", "GET /zones/" + ZONE_ID + "/dns_records?name=other.example.com&per_page=100");
    assertThat(only(report, FindingCode.DNS_NOT_PROXIED).message()).isEqualTo("In zone example.com, grey.example.com is a DNS-only CNAME to "
        + TUNNEL + ".cfargotunnel.com: only a proxied record reaches the tunnel.");
    assertThat(only(report, FindingCode.EDGE_CNAME_CROSS_ACCOUNT).message()).isEqualTo("In zone example.com, legacy.example.com is CNAME "
        + "legacy.example.com → " + TUNNEL + ".argotunnel.com (proxied), not a CNAME to <uuid>.cfargotunnel.com: the edge does not send it to a "
        + "tunnel (a CNAME to another target gives error 1014).");
    assertThat(only(report, FindingCode.DNS_NAME_NOT_FOUND).message()).isEqualTo("The account's zone for gone.example.com holds no DNS record "
        + "with that name.");
  }

  @Test
  void recordWrittenIntoTheCertificatesZone() throws Exception {
    // given: decision table #4: app.zoneb.test lives in zone zonea.test as app.zoneb.test.zonea.test
    stubs.tunnel("healthy", "local").connections(client("1bedc50d-42b3-473c-b108-ff3d10c0d925", 0, "2026.8.2", "AMS"))
        .zone("zonea.test", "aaaa0000aaaa0000aaaa0000aaaa0000").zone("zoneb.test", "bbbb0000bbbb0000bbbb0000bbbb0000")
        .records("aaaa0000aaaa0000aaaa0000aaaa0000", "www.zonea.test", record("www.zonea.test", "CNAME", TUNNEL + ".cfargotunnel.com", true))
        .records("bbbb0000bbbb0000bbbb0000bbbb0000", "app.zoneb.test")
        .recordsStartingWith("aaaa0000aaaa0000aaaa0000aaaa0000", "app.zoneb.test.",
            record("app.zoneb.test.zonea.test", "CNAME", TUNNEL + ".cfargotunnel.com", true));

    // when
    Finding finding = only(diagnose("test-token", TUNNEL, "www.zonea.test", "app.zoneb.test"), FindingCode.DNS_WRONG_ZONE);

    // then
    assertThat(finding.message()).isEqualTo("app.zoneb.test has no record in its own zone, but zone zonea.test holds app.zoneb.test.zonea.test: "
        + "cloudflared tunnel route dns wrote it into the zone of its cert.pem.");
    assertThat(finding.remediation()).isEqualTo("Delete app.zoneb.test.zonea.test from zone zonea.test, and create a proxied CNAME "
        + "app.zoneb.test → " + TUNNEL + ".cfargotunnel.com in the zone that holds app.zoneb.test.");
  }

  @Test
  void invalidTokenStopsTheApiCallsWithOneFinding() throws Exception {
    // given: any other Authorization value gets 400 6003 / 6111
    stubs.tunnel("healthy", "local");

    // when
    DiagnosisReport report = diagnose("not-the-token", TUNNEL, "app.example.com");

    // then
    Finding finding = only(report, FindingCode.API_TOKEN_INVALID);
    assertThat(codes(report)).containsExactly(FindingCode.API_TOKEN_INVALID);
    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.message()).isEqualTo("The Cloudflare API rejected the token (HTTP 400: 6003 Invalid request headers; 6111 Invalid format "
        + "for Authorization header); the checks that need the account were skipped, the others ran.");
    assertThat(finding.evidence()).containsEntry("api.errorCodes", "6003, 6111").containsEntry("api.httpStatus", "400");
    assertThat(api.getAllServeEvents()).hasSize(1);
  }

  @Test
  void expiredTokenIs401() throws Exception {
    // given
    stubs.everything(401, "{\"success\":false,\"errors\":[{\"code\":1000,\"message\":\"Invalid API Token\"}],\"messages\":[],\"result\":null}");

    // when
    Finding finding = only(diagnose("test-token", TUNNEL, "app.example.com"), FindingCode.API_TOKEN_INVALID);

    // then
    assertThat(finding.message()).isEqualTo("The Cloudflare API rejected the token (HTTP 401: 1000 Invalid API Token); the checks that need "
        + "the account were skipped, the others ran.");
  }

  @Test
  void missingPermissionIsNamedAndTheOtherCallsStillRun() throws Exception {
    // given: 403 10000 on the tunnel, zones and records readable
    api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
            "/client/v4/accounts/.*")).atPriority(1)
        .willReturn(ApiStubs.json(403, "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],\"messages\":[],\"result\":null}")));
    stubs.zone("example.com", ZONE_ID).records(ZONE_ID, "app.example.com", record("app.example.com", "CNAME", OTHER_TUNNEL + ".cfargotunnel.com", true));

    // when
    DiagnosisReport report = diagnose("test-token", TUNNEL, "app.example.com");

    // then
    assertThat(codes(report)).containsExactlyInAnyOrder(FindingCode.API_PERMISSION_MISSING, FindingCode.DNS_ROUTES_TO_OTHER_TUNNEL);
    Finding finding = only(report, FindingCode.API_PERMISSION_MISSING);
    assertThat(finding.message()).isEqualTo("The Cloudflare API refused reading tunnel " + TUNNEL + " (HTTP 403: 10000 Authentication error): the "
        + "token lacks the permission Account › Cloudflare Tunnel › Read (or the resource is outside its scope). That check was skipped; the "
        + "others ran.");
    assertThat(finding.remediation()).isEqualTo("Add Account › Cloudflare Tunnel › Read to the token (My Profile › API Tokens › Edit), covering "
        + "this account and zone.");
    assertThat(finding.evidence()).containsEntry("permission", "Account › Cloudflare Tunnel › Read");
  }

  @Test
  void ipFilteredTokenAndMissingDnsPermission() throws Exception {
    // given: the zone is readable, its records answer 403 9109
    stubs.tunnel("healthy", "local").connections().zone("example.com", ZONE_ID);
    api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
            "/client/v4/zones/" + ZONE_ID + "/dns_records")).atPriority(1)
        .willReturn(ApiStubs.json(403, "{\"success\":false,\"errors\":[{\"code\":9109,\"message\":\"Cannot use the access token from location: "
            + "198.51.100.4\"}],\"messages\":[],\"result\":null}")));

    // when
    Finding finding = only(diagnose("test-token", TUNNEL, "app.example.com"), FindingCode.API_PERMISSION_MISSING);

    // then
    assertThat(finding.message()).isEqualTo("The Cloudflare API refused reading the DNS records of app.example.com (HTTP 403: 9109 Cannot use the "
        + "access token from location: 198.51.100.4): the token may not be used from this machine's address. That check was skipped; the others ran.");
    assertThat(finding.evidence()).containsEntry("permission", "Zone › DNS › Read");
  }

  @Test
  void malformedIdAnd5xxAreCheckFailures() throws Exception {
    // given
    stubs.everything(400, "{\"success\":false,\"errors\":[{\"code\":7003,\"message\":\"Could not route to /accounts/x/cfd_tunnel, perhaps your "
        + "object identifier is invalid?\"},{\"code\":7000,\"message\":\"No route for that URI\"}],\"messages\":[],\"result\":null}");

    // when: the tunnel call and the zone call each fail on their own
    List<Finding> badIds = diagnose("test-token", TUNNEL, "app.example.com").findings();
    Finding badId = badIds.get(0);
    stubs.everything(502, "{\"success\":false,\"errors\":[{\"code\":10043,\"message\":\"Internal error\"}],\"messages\":[],\"result\":null}");
    List<Finding> failures = diagnose("test-token", TUNNEL, "app.example.com").findings();

    // then
    assertThat(badIds).extracting(Finding::code).containsExactly(FindingCode.CHECK_FAILED, FindingCode.CHECK_FAILED);
    assertThat(badId.message()).isEqualTo("The Cloudflare API could not answer reading tunnel " + TUNNEL + " (HTTP 400: 7003 Could not route to "
        + "/accounts/x/cfd_tunnel, perhaps your object identifier is invalid?; 7000 No route for that URI).");
    assertThat(failures).extracting(Finding::code).containsOnly(FindingCode.CHECK_FAILED);
    assertThat(failures.get(0).remediation()).isEqualTo("Cloudflare's API is having trouble; run the diagnosis again later.");
  }

  @Test
  void rateLimitBeyondTheDeadlineSkipsTheApiChecks() throws Exception {
    // given: retry-after 300 s, far beyond the 10 s diagnosis
    stubs.rateLimited(300);

    // when
    DiagnosisReport report = diagnose("test-token", TUNNEL, "app.example.com");

    // then
    Finding finding = only(report, FindingCode.CHECK_SKIPPED);
    assertThat(finding.message()).isEqualTo("The Cloudflare API checks were skipped: the Cloudflare API rate-limited " + TUNNEL_ENDPOINT
        + " (429, retry-after 300 s), which does not fit before the deadline.");
    assertThat(finding.evidence()).containsEntry("reason", "rate_limited");
    assertThat(api.getAllServeEvents()).hasSize(1);
  }

  @Test
  void rateLimitThatFitsIsWaitedOutOnce() throws Exception {
    // given: the first call gets 429 with retry-after 0, the second the tunnel
    api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(ApiStubs.TUNNEL_PATH))
        .atPriority(1).inScenario("limit").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(429).withHeader("retry-after", "0"))
        .willSetStateTo("open"));
    api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(ApiStubs.TUNNEL_PATH))
        .atPriority(1).inScenario("limit").whenScenarioStateIs("open")
        .willReturn(ApiStubs.json(200, ApiStubs.ok("{\"id\":\"" + TUNNEL + "\",\"name\":\"t\",\"status\":\"down\",\"config_src\":\"local\"}"))));
    stubs.connections().zone("example.com", ZONE_ID).records(ZONE_ID, "app.example.com",
        record("app.example.com", "CNAME", TUNNEL + ".cfargotunnel.com", true));

    // when
    DiagnosisReport report = diagnose("test-token", TUNNEL, "app.example.com");

    // then
    assertThat(codes(report)).containsExactly(FindingCode.EDGE_TUNNEL_UNAVAILABLE);
  }

  @Test
  void withoutTokenOrAccountTheChecksSaySo() throws Exception {
    // given
    Path file = Files.writeString(dir.resolve("config.yml"), "ingress:\n  - service: http_status:404\n");
    ApiSettings noToken = ApiSettings.from(Map.of(), URI.create(api.baseUrl()), null, null, null);
    ApiSettings noAccount = ApiSettings.from(Map.of("CLOUDFLARE_API_TOKEN", "test-token"), URI.create(api.baseUrl()), null, null, null);

    // when
    DiagnosisReport first = Diagnosis.builder().ingress(ConfigLoader.load(file)).check(new CloudflareApiCheck(noToken, TUNNEL)).build().run();
    DiagnosisReport second = Diagnosis.builder().ingress(ConfigLoader.load(file)).check(new CloudflareApiCheck(noAccount, TUNNEL)).build().run();

    // then
    assertThat(only(first, FindingCode.CHECK_SKIPPED).evidence()).containsEntry("reason", "no token");
    assertThat(only(second, FindingCode.CHECK_SKIPPED).evidence()).containsEntry("reason", "no account id");
    assertThat(api.getAllServeEvents()).isEmpty();
  }

  @Test
  void accountComesFromTheCredentialsFileAndTheTokenFromAFile() throws Exception {
    // given
    Path credentials = Files.writeString(dir.resolve("creds.json"),
        "{\"AccountTag\":\"" + ACCOUNT + "\",\"TunnelSecret\":\"c2VjcmV0\",\"TunnelID\":\"" + TUNNEL + "\"}");
    Path tokenFile = Files.writeString(dir.resolve("token"), "cfut_0123456789abcdefghijklmnopqrstuvwxyzABCD\n");

    // when
    ApiSettings settings = ApiSettings.from(Map.of("CLOUDFLARE_API_TOKEN", "ignored"), null, tokenFile, null, credentials);

    // then
    assertThat(settings.accountId()).isEqualTo(ACCOUNT);
    assertThat(settings.accountSource()).isEqualTo("AccountTag of " + credentials);
    assertThat(settings.baseUrl()).hasToString("https://api.cloudflare.com/client/v4");
    assertThat(settings.token()).hasToString("ApiToken[present, prefix=cfut_]");
    assertThat(settings.toString()).doesNotContain("0123456789abcdefghij");
  }

  @Test
  void globalKeysAndMalformedAccountsAreRefusedWithoutEchoingTheSecret() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ApiToken.of("cfk_SECRETSECRETSECRETSECRETSECRETSECRETSECRET"))
        .withMessage("the Cloudflare API token is a global API key (cfk_…), which can change everything in the account; create a read-only "
            + "API token instead (Account › Cloudflare Tunnel › Read, Zone › Zone › Read, Zone › DNS › Read)");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ApiSettings.from(Map.of("CLOUDFLARE_ACCOUNT_ID", "acme"), null, null, null, null))
        .withMessage("the Cloudflare account id from CLOUDFLARE_ACCOUNT_ID is 'acme', not 32 hexadecimal characters (find it in the "
            + "dashboard's URL or the account's overview)");
  }

  @Test
  void theTokenAppearsInNoFindingAndNoReportFormat() throws Exception {
    // given: a marker token the stubs accept, and every kind of finding the API check makes
    String marker = "MARKER-TOKEN-7f3a9c";
    api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).atPriority(1)
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + marker))
        .willReturn(ApiStubs.json(403, "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],\"messages\":[],\"result\":null}")));

    // when
    DiagnosisReport forbidden = diagnose(marker, TUNNEL, "app.example.com");
    DiagnosisReport rejected = diagnose(marker + "x", TUNNEL, "app.example.com");

    // then
    for (DiagnosisReport report : List.of(forbidden, rejected)) {
      assertThat(report.findings()).isNotEmpty();
      for (ReportFormat format : ReportFormat.values()) {
        assertThat(format.writer().render(report)).as(format.name()).doesNotContain(marker);
      }
      assertThat(report.toString()).doesNotContain(marker);
    }
    ApiSettings settings = ApiSettings.from(Map.of("CLOUDFLARE_API_TOKEN", marker, "CLOUDFLARE_ACCOUNT_ID", ACCOUNT), URI.create(api.baseUrl()), null, null, null);
    assertThat(new CloudflareApiCheck(settings, TUNNEL).toString()).doesNotContain(marker);
    assertThat(settings.toString()).doesNotContain(marker);
    assertThat(new CloudflareApiClient(settings, java.time.Clock.systemUTC(), java.time.Instant.now().plusSeconds(5)).toString()).doesNotContain(marker);
  }
}
