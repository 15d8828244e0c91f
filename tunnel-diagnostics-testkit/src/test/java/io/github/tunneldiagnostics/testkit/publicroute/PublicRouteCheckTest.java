package io.github.tunneldiagnostics.testkit.publicroute;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.dns.DnsServer;
import io.github.tunneldiagnostics.core.internal.edge.EdgeTrust;
import io.github.tunneldiagnostics.core.internal.edge.ResolveOverride;
import io.github.tunneldiagnostics.core.internal.publicroute.PublicRouteCheck;
import io.github.tunneldiagnostics.core.internal.publicroute.PublicRouteSettings;
import io.github.tunneldiagnostics.testkit.fake.EdgeFixture;
import io.github.tunneldiagnostics.testkit.fake.FakeDnsServer;
import io.github.tunneldiagnostics.testkit.fake.FakeEdge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public checks against loopback fakes built from the real fingerprints: every DNS state of
 * public-route.md §1.1 and every edge fixture of §2.6, one row of the decision table (§4) per test.
 */
class PublicRouteCheckTest {
  static final String TUNNEL = "6ff42ae2-765d-4adf-8112-31c55c1551ef";
  static final String OTHER_TUNNEL = "c1744f8b-faa1-48a4-9e5c-02ac921467fa";
  static final String RAY = EdgeFixture.CF_RAY;

  static FakeDnsServer dns;
  static FakeEdge edge;
  static Path ca;

  @TempDir static Path dir;

  @BeforeAll
  static void fakes() {
    FakeDnsServer.Builder zone = FakeDnsServer.builder().zone("example.com").zone("zonea.test").zone("zoneb.test")
        .dnsOnly("grey.example.com", OTHER_TUNNEL)
        .address("example.com", FakeDnsServer.TUNNEL_PLACEHOLDER)
        .address("elsewhere.example.com", "127.0.0.1")
        .proxied("app.zoneb.test.zonea.test").proxied("www.zonea.test").proxied("a.b.example.com");
    FakeEdge.Builder fixtures = FakeEdge.builder();
    for (EdgeFixture fixture : EdgeFixture.values()) {
      String host = host(fixture);
      zone.proxied(host);
      fixtures.answer(host, fixture);
    }
    dns = zone.build().start();
    edge = fixtures.build().start();
    ca = edge.writeCaPem(dir.resolve("edge-ca.pem"));
  }

  @AfterAll
  static void stop() {
    dns.close();
    edge.close();
  }

  static String host(EdgeFixture fixture) {
    return fixture.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".example.com";
  }

  /**
   * Diagnoses {@code hosts} (one rule each, a catch-all 404 after them) through the fakes. With {@code pin}, every host is pinned to the
   * fake edge with --resolve; without, only hosts whose DNS does not lead to Cloudflare may be given (nothing may leave loopback).
   */
  static DiagnosisReport diagnose(List<String> hosts, boolean pin, UnaryOperator<PublicRouteSettings.Builder> more) {
    StringBuilder config = new StringBuilder("tunnel: " + TUNNEL + "\ningress:\n");
    List<Route> routes = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      config.append("  - hostname: ").append(hosts.get(i)).append("\n    service: http://127.0.0.1:8080\n");
      routes.add(Route.forUrl(RouteUrl.parse(edge.url(hosts.get(i))), i, "http://127.0.0.1:8080"));
    }
    config.append("  - service: http_status:404\n");
    try {
      Path file = Files.writeString(Files.createTempFile(dir, "config", ".yml"), config);
      IngressModel model = ConfigLoader.load(file);
      PublicRouteSettings.Builder options = options();
      for (String host : pin ? hosts : List.<String>of()) {
        options.resolve(ResolveOverride.parse(edge.resolveEntry(host)));
      }
      return Diagnosis.builder().ingress(model).routes(routes).check(new PublicRouteCheck(more.apply(options).build()))
          .timeout(Duration.ofSeconds(8)).build().run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static DiagnosisReport diagnose(String... hosts) {
    return diagnose(List.of(hosts), true, o -> o);
  }

  static Finding only(DiagnosisReport report, String subjectHost, String code) {
    List<Finding> found = report.findings().stream()
        .filter(f -> f.code().equals(code) && f.subject().equals(edge.url(subjectHost))).toList();
    assertThat(found).as("%s for %s in %s", code, subjectHost, report.findings()).hasSize(1);
    return found.get(0);
  }

  static List<String> codes(DiagnosisReport report, String host) {
    return report.findings().stream().filter(f -> f.subject().equals(edge.url(host))).map(Finding::code).toList();
  }

  static String url(EdgeFixture fixture) {
    return edge.url(host(fixture));
  }

  @Test
  void everyFormOfError1033IsTheTunnelUnavailable() {
    // given: decision table #10 in the four body forms the edge negotiates
    List<EdgeFixture> forms = List.of(EdgeFixture.TUNNEL_DOWN_TEXT, EdgeFixture.TUNNEL_DOWN_JSON, EdgeFixture.TUNNEL_DOWN_HTML,
        EdgeFixture.TUNNEL_DOWN_MARKDOWN);

    // when
    DiagnosisReport report = diagnose(forms.stream().map(PublicRouteCheckTest::host).toArray(String[]::new));

    // then
    for (EdgeFixture form : forms) {
      Finding finding = only(report, host(form), FindingCode.EDGE_TUNNEL_UNAVAILABLE);
      assertThat(finding.severity()).isEqualTo(Severity.ERROR);
      assertThat(finding.message()).isEqualTo(url(form) + " answered 530 with Cloudflare error 1033 (cf-ray " + RAY + "): Cloudflare has no "
          + "healthy connector for the tunnel the hostname points at (this connector is down, or the hostname points at another tunnel).");
      assertThat(finding.remediation()).isEqualTo("Start cloudflared for the tunnel " + TUNNEL + " and check its /ready; if it runs and is "
          + "ready, point " + host(form) + " at it: cloudflared tunnel route dns --overwrite-dns " + TUNNEL + " " + host(form) + ".");
      assertThat(finding.evidence()).containsEntry("edge.errorCode", "1033").containsEntry("edge.cfRay", RAY)
          .containsEntry("edge.status", "530").containsEntry("source", "probe");
    }
    assertThat(report.findings()).extracting(f -> f.evidence().get("edge.bodyForm")).containsExactlyInAnyOrder("text", "json", "html", "markdown");
  }

  @Test
  void errorsThatNameTheRecordNotTheConnector() {
    // given: 1016 (target does not resolve), 1014 (cross-account CNAME)
    DiagnosisReport report = diagnose(host(EdgeFixture.ORIGIN_DNS), host(EdgeFixture.CROSS_ACCOUNT));

    // then
    assertThat(only(report, host(EdgeFixture.ORIGIN_DNS), FindingCode.EDGE_ORIGIN_DNS_ERROR).message())
        .isEqualTo(url(EdgeFixture.ORIGIN_DNS) + " answered 530 with Cloudflare error 1016 (cf-ray " + RAY + "): the record's target does not "
            + "resolve at Cloudflare (a deleted tunnel, or a typo in the CNAME target).");
    Finding cross = only(report, host(EdgeFixture.CROSS_ACCOUNT), FindingCode.EDGE_CNAME_CROSS_ACCOUNT);
    assertThat(cross.message()).isEqualTo(url(EdgeFixture.CROSS_ACCOUNT) + " answered 403 with Cloudflare error 1014 (cf-ray " + RAY + "): the "
        + "record is a CNAME to a name in another Cloudflare account, or not to <uuid>.cfargotunnel.com.");
    assertThat(cross.remediation()).isEqualTo("Make " + host(EdgeFixture.CROSS_ACCOUNT) + " a proxied CNAME to <tunnel-uuid>.cfargotunnel.com "
        + "of a tunnel in the same account as the zone.");
  }

  @Test
  void interceptionsNameTheirKind() {
    // given: decision table #7
    DiagnosisReport report = diagnose(host(EdgeFixture.WAF_BLOCK), host(EdgeFixture.CHALLENGE), host(EdgeFixture.ACCESS_LOGIN));

    // then
    Finding waf = only(report, host(EdgeFixture.WAF_BLOCK), FindingCode.EDGE_INTERCEPTED);
    assertThat(waf.severity()).isEqualTo(Severity.WARNING);
    assertThat(waf.message()).isEqualTo(url(EdgeFixture.WAF_BLOCK) + " answered 403 with Cloudflare error 1020 (cf-ray " + RAY + "): a WAF rule "
        + "blocked the request before the tunnel.");
    assertThat(waf.evidence()).containsEntry("kind", "waf");
    Finding challenge = only(report, host(EdgeFixture.CHALLENGE), FindingCode.EDGE_INTERCEPTED);
    assertThat(challenge.message()).isEqualTo(url(EdgeFixture.CHALLENGE) + " answered 403 (cf-ray " + RAY + "): a Cloudflare challenge page "
        + "(cf-mitigated: challenge) answers before the tunnel.");
    assertThat(challenge.evidence()).containsEntry("kind", "challenge");
    Finding access = only(report, host(EdgeFixture.ACCESS_LOGIN), FindingCode.EDGE_INTERCEPTED);
    assertThat(access.message()).isEqualTo(url(EdgeFixture.ACCESS_LOGIN) + " answered 302 (cf-ray " + RAY + "): Cloudflare Access redirects "
        + "to its login before the tunnel.");
    assertThat(access.evidence()).containsEntry("kind", "access")
        .containsEntry("edge.location", "https://team.cloudflareaccess.com/cdn-cgi/access/login/app.example.com?kid=0123456789abcdef");
    assertThat(access.evidence().values()).noneMatch(v -> v.contains("eyJ0eXAiOiJKV1Qi")); // never the meta= JWT
  }

  @Test
  void aCloudflare502WithoutLocalEvidenceSaysWhatWouldTellTheTwoApart() {
    // given: §2.4, neither log nor metrics
    DiagnosisReport report = diagnose(host(EdgeFixture.BAD_GATEWAY_HTML), host(EdgeFixture.BAD_GATEWAY_JSON));

    // then
    Finding html = only(report, host(EdgeFixture.BAD_GATEWAY_HTML), FindingCode.EDGE_BAD_GATEWAY);
    assertThat(html.message()).isEqualTo(url(EdgeFixture.BAD_GATEWAY_HTML) + " answered 502 with Cloudflare error 502 (cf-ray " + RAY + "): "
        + "Cloudflare's bad-gateway page, which it shows both for cloudflared's own 502 and for an origin's 502; which of the two could not be "
        + "told without the connector's log or metrics.");
    assertThat(html.remediation()).isEqualTo("Pass cloudflared's log (--log FILE) or its metrics server (--metrics HOST:PORT) to tell "
        + "cloudflared's 502 from the origin's; meanwhile check the origin of rule #0.");
    assertThat(html.evidence()).containsEntry("attribution", "unknown").containsEntry("rule", "0");
    assertThat(only(report, host(EdgeFixture.BAD_GATEWAY_JSON), FindingCode.EDGE_BAD_GATEWAY).evidence()).containsEntry("edge.bodyForm", "json");
  }

  @Test
  void theCfRayInCloudflaredsLogTellsItsOwn502FromTheOrigins() throws IOException {
    // given: the connector's log holds the probe's cf-ray with "Unable to reach the origin service", or a plain request line
    Path own = Files.writeString(dir.resolve("own.log"), "2026-11-25T12:00:00Z INF Starting tunnel\n"
        + "2026-11-25T12:00:01Z ERR  error=\"Unable to reach the origin service. The service may be down or it may not be responding to traffic "
        + "from cloudflared: dial tcp 127.0.0.1:8080: connect: connection refused\" cfRay=" + RAY + " event=1 ingressRule=0 "
        + "originService=http://127.0.0.1:8080\n");
    Path origin = Files.writeString(dir.resolve("origin.log"),
        "2026-11-25T12:00:01Z DBG GET https://app.example.com/ HTTP/1.1 cfRay=" + RAY + " status=502\n");
    Path other = Files.writeString(dir.resolve("other.log"), "2026-11-25T12:00:01Z INF Registered tunnel connection\n");
    String host = host(EdgeFixture.BAD_GATEWAY_HTML);

    // when
    Finding cloudflared = only(diagnose(List.of(host), true, o -> o.logs(List.of(own))), host, FindingCode.EDGE_BAD_GATEWAY);
    Finding app = only(diagnose(List.of(host), true, o -> o.logs(List.of(origin))), host, FindingCode.EDGE_BAD_GATEWAY);
    Finding elsewhere = only(diagnose(List.of(host), true, o -> o.logs(List.of(other))), host, FindingCode.EDGE_BAD_GATEWAY);

    // then
    String page = url(EdgeFixture.BAD_GATEWAY_HTML) + " answered 502 with Cloudflare error 502 (cf-ray " + RAY + "): Cloudflare's bad-gateway "
        + "page, which it shows both for cloudflared's own 502 and for an origin's 502; ";
    assertThat(cloudflared.message()).isEqualTo(page + "this one is cloudflared's: it could not reach the origin of rule #0.");
    assertThat(cloudflared.evidence()).containsEntry("attribution", "cloudflared").containsEntry("logLine", Files.readAllLines(own).get(1));
    assertThat(app.message()).isEqualTo(page + "this one is the origin's: cloudflared reached it and the app itself answered 502.");
    assertThat(app.remediation()).isEqualTo("Fix the app behind rule #0: it answers 502 (a proxy in front of it whose upstream is down?).");
    assertThat(elsewhere.message()).isEqualTo(page + "this connector's log has no line for the request, so another connector or another tunnel "
        + "served it.");
  }

  @Test
  void theConnectorsCountersTellTheTwo502sApartWithoutALog() throws Exception {
    // given: a metrics server whose request-error counter rises between the reads before and after the probe
    try (SequenceServer metrics = SequenceServer.start(
        "cloudflared_tunnel_request_errors 3\ncloudflared_tunnel_response_by_code{status_code=\"502\"} 1\n",
        "cloudflared_tunnel_request_errors 4\ncloudflared_tunnel_response_by_code{status_code=\"502\"} 1\n")) {
      String host = host(EdgeFixture.BAD_GATEWAY_HTML);

      // when
      Finding finding = only(diagnose(List.of(host), true, o -> o.metrics(metrics.uri())), host, FindingCode.EDGE_BAD_GATEWAY);

      // then
      assertThat(finding.evidence()).containsEntry("attribution", "cloudflared").containsEntry("metrics",
          "cloudflared_tunnel_request_errors +1, cloudflared_tunnel_response_by_code{status_code=\"502\"} +0");
    }
  }

  @Test
  void edgeTimeoutAndTheDiagnosisRunningOutOfTime() {
    // given: a real 524, then an edge that answers after the deadline
    DiagnosisReport report = diagnose(host(EdgeFixture.TIMEOUT));
    try (FakeEdge slow = FakeEdge.builder().delay(Duration.ofSeconds(30)).build().start()) {
      Path slowCa = slow.writeCaPem(dir.resolve("slow-ca.pem"));
      String config = "ingress:\n  - hostname: slow.example.com\n    service: http://127.0.0.1:8080\n  - service: http_status:404\n";
      IngressModel model = ConfigLoader.load(Files.writeString(dir.resolve("slow.yml"), config));
      DiagnosisReport late = Diagnosis.builder().ingress(model).routes(List.of(Route.forUrl(RouteUrl.parse(slow.url("slow.example.com")), 0, "http://127.0.0.1:8080")))
          .check(new PublicRouteCheck(PublicRouteSettings.builder().dnsServer(DnsServer.parse(dns.address())).trust(EdgeTrust.withPemFile(slowCa))
              .resolve(ResolveOverride.parse(slow.resolveEntry("slow.example.com"))).build()))
          .timeout(Duration.ofSeconds(2)).build().run();

      // then
      Finding timeout = only(report, host(EdgeFixture.TIMEOUT), FindingCode.EDGE_TIMEOUT);
      assertThat(timeout.severity()).isEqualTo(Severity.ERROR);
      assertThat(timeout.message()).isEqualTo(url(EdgeFixture.TIMEOUT) + " answered 524 with Cloudflare error 524 (cf-ray " + RAY + "): no "
          + "response header came from behind the edge within the zone's proxy read timeout (100-120 s).");
      Finding noAnswer = late.findings().stream().filter(f -> f.code().equals(FindingCode.EDGE_TIMEOUT)).findFirst().orElseThrow();
      assertThat(noAnswer.severity()).isEqualTo(Severity.INFO);
      assertThat(noAnswer.message()).startsWith(slow.url("slow.example.com") + " gave no complete answer within the diagnosis's time (no complete "
          + "answer within ").endsWith(" ms); the edge waits up to 100-120 s for an origin before its 524.");
      assertThat(late.duration()).isLessThan(Duration.ofSeconds(4));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void emptyCatchAllAndNoIngressAnswersAreTiedToTheLocalIngress() throws Exception {
    // given: 404/503 with empty bodies; catch-all-404's host is routed by a rule locally, the URL below is not
    DiagnosisReport routed = diagnose(host(EdgeFixture.CATCH_ALL_404), host(EdgeFixture.NO_INGRESS_503));
    IngressModel catchAllOnly = ConfigLoader.load(Files.writeString(dir.resolve("catchall.yml"), "ingress:\n  - service: http_status:404\n"));
    String host = host(EdgeFixture.CATCH_ALL_404);
    DiagnosisReport unrouted = Diagnosis.builder().ingress(catchAllOnly).routes(List.of(Route.forUrl(RouteUrl.parse(edge.url(host)), 0, "http_status:404")))
        .check(new PublicRouteCheck(options().resolve(ResolveOverride.parse(edge.resolveEntry(host))).build())).timeout(Duration.ofSeconds(8)).build().run();

    // then
    assertThat(only(routed, host, FindingCode.EDGE_REACHABLE).message()).isEqualTo(edge.url(host) + " answered 404 (cf-ray " + RAY + ") with an "
        + "empty body. cloudflared's catch-all answers so, but the local ingress routes " + host + " to rule #0: unless the app answers an empty "
        + "404 here, the connector that served it runs other rules (a remotely managed config, another replica).");
    Finding notRouted = only(unrouted, host, FindingCode.HOSTNAME_NOT_ROUTED);
    assertThat(notRouted.severity()).isEqualTo(Severity.ERROR);
    assertThat(notRouted.message()).isEqualTo(edge.url(host) + " answered 404 (cf-ray " + RAY + ") with an empty body, as cloudflared's "
        + "catch-all rule does; the local ingress agrees: no rule names " + host + ".");
    assertThat(notRouted.remediation()).isEqualTo("Add an ingress rule for " + host + " above the catch-all, then restart cloudflared.");
    assertThat(only(routed, host(EdgeFixture.NO_INGRESS_503), FindingCode.EDGE_REACHABLE).message()).isEqualTo(url(EdgeFixture.NO_INGRESS_503)
        + " answered 503 (cf-ray " + RAY + ") with an empty body. cloudflared answers so when it has no ingress rules; the local ingress routes "
        + host(EdgeFixture.NO_INGRESS_503) + " to rule #1: unless the app answers an empty 503 here, the connector that served it has no rules "
        + "(a remote configuration never delivered).");
  }

  @Test
  void healthyAndNotCloudflare() {
    // given
    DiagnosisReport report = diagnose(host(EdgeFixture.HEALTHY), host(EdgeFixture.NOT_CLOUDFLARE));

    // then
    Finding healthy = only(report, host(EdgeFixture.HEALTHY), FindingCode.EDGE_REACHABLE);
    assertThat(healthy.severity()).isEqualTo(Severity.INFO);
    assertThat(healthy.message()).isEqualTo(url(EdgeFixture.HEALTHY) + " answered 200 (cf-ray " + RAY + ") through Cloudflare: the request went "
        + "through to an origin.");
    assertThat(healthy.evidence()).containsEntry("tls.sans", "example.com, *.example.com").containsEntry("edge.address", "127.0.0.1:" + edge.port()
        + " (--resolve)").containsEntry("tls.protocol", "TLSv1.3");
    assertThat(only(report, host(EdgeFixture.NOT_CLOUDFLARE), FindingCode.DNS_NOT_CLOUDFLARE).message()).isEqualTo(url(EdgeFixture.NOT_CLOUDFLARE)
        + " was answered by a server that is not Cloudflare (no cf-ray, server: nginx): visitors never reach the tunnel.");
  }

  @Test
  void theRequestIsAVisitorsGetWithTheAcceptThatGetsMachineReadableErrors() {
    // given
    int before = edge.requests().size();

    // when
    diagnose(host(EdgeFixture.HEALTHY));

    // then
    FakeEdge.Request request = edge.requests().get(before);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.target()).isEqualTo("/");
    assertThat(request.headers()).containsEntry("host", host(EdgeFixture.HEALTHY) + ":" + edge.port())
        .containsEntry("accept", "application/problem+json, application/json;q=0.9, text/html;q=0.8, */*;q=0.5")
        .containsEntry("accept-encoding", "identity").containsEntry("connection", "close").doesNotContainKey("content-length");
  }

  @Test
  void multiLevelNameWithoutAnEdgeCertificate() {
    // given: decision table #6: a.b.example.com is two labels under example.com; the edge sends alert 40
    Finding finding = only(diagnose("a.b.example.com"), "a.b.example.com", FindingCode.EDGE_CERT_NOT_COVERED);

    // then
    assertThat(finding.message()).isEqualTo("The TLS handshake with the edge for a.b.example.com failed (Received fatal alert: handshake_failure): "
        + "it is 2 labels below its zone example.com, and Universal SSL covers only the apex and first-level names. Browsers show "
        + "ERR_SSL_VERSION_OR_CIPHER_MISMATCH.");
    assertThat(finding.remediation()).isEqualTo("Order an Advanced Certificate (or enable Total TLS) that covers a.b.example.com, or use a "
        + "first-level name such as a-b.example.com.");
    assertThat(finding.evidence()).containsEntry("tls.alert", "handshake_failure (40)").containsEntry("dns.depth", "2");
  }

  @Test
  void dnsStatesOfSection1() {
    // given: G1 (DNS-only CNAME to another tunnel), G2 (apex placeholder), N, W (zonea.test known, e.g. from cert.pem), E;
    // without --resolve nothing is requested, since none of them leads to Cloudflare
    int before = edge.requests().size();
    DiagnosisReport report = diagnose(List.of("grey.example.com", "example.com", "gone.example.com", "app.zoneb.test", "elsewhere.example.com"),
        false, o -> o.zone("zonea.test"));

    // then
    assertThat(codes(report, "grey.example.com")).containsExactlyInAnyOrder(FindingCode.DNS_NOT_PROXIED, FindingCode.DNS_ROUTES_TO_OTHER_TUNNEL,
        FindingCode.CHECK_SKIPPED);
    assertThat(only(report, "grey.example.com", FindingCode.DNS_NOT_PROXIED).message()).isEqualTo("grey.example.com is a DNS-only record: "
        + "resolvers return the CNAME to " + OTHER_TUNNEL + ".cfargotunnel.com, which only works proxied through Cloudflare, so visitors never "
        + "reach the tunnel.");
    assertThat(only(report, "grey.example.com", FindingCode.DNS_NOT_PROXIED).evidence())
        .containsEntry("dns.chain", "grey.example.com. → " + OTHER_TUNNEL + ".cfargotunnel.com.")
        .containsEntry("dns.addresses", "fd10:aec2:5dae::").containsEntry("dns.rcode", "NOERROR");
    assertThat(only(report, "grey.example.com", FindingCode.DNS_ROUTES_TO_OTHER_TUNNEL).message()).isEqualTo("grey.example.com points at tunnel "
        + OTHER_TUNNEL + ", but this connector serves tunnel " + TUNNEL + ": visitors are sent to the other tunnel.");
    assertThat(only(report, "example.com", FindingCode.DNS_NOT_PROXIED).message()).isEqualTo("example.com is a DNS-only record: resolvers return "
        + "the unroutable address fd10:aec2:5dae::, which only works proxied through Cloudflare, so visitors never reach the tunnel.");
    Finding gone = only(report, "gone.example.com", FindingCode.DNS_NAME_NOT_FOUND);
    assertThat(gone.message()).isEqualTo("gone.example.com does not exist in DNS: every resolver asked answered NXDOMAIN (the zone that denied it: "
        + "example.com).");
    assertThat(gone.remediation()).isEqualTo("Create a proxied CNAME gone.example.com → " + TUNNEL + ".cfargotunnel.com: cloudflared tunnel route "
        + "dns " + TUNNEL + " gone.example.com (or add it as a public hostname of the tunnel in the dashboard).");
    assertThat(only(report, "app.zoneb.test", FindingCode.DNS_WRONG_ZONE).message()).isEqualTo("app.zoneb.test does not exist in DNS, but "
        + "app.zoneb.test.zonea.test does: the record was written into zone zonea.test (cloudflared tunnel route dns uses the zone of its "
        + "cert.pem), not into the zone of app.zoneb.test.");
    assertThat(only(report, "elsewhere.example.com", FindingCode.DNS_NOT_CLOUDFLARE).message()).isEqualTo("elsewhere.example.com resolves to "
        + "127.0.0.1, outside Cloudflare's address ranges and without a cfargotunnel.com CNAME: visitors reach that server, never the tunnel.");
    assertThat(codes(report, "elsewhere.example.com")).containsExactlyInAnyOrder(FindingCode.DNS_NOT_CLOUDFLARE, FindingCode.CHECK_SKIPPED);
    assertThat(edge.requests()).hasSize(before);
    assertThat(dns.queries()).allMatch(q -> q.endsWith(" A") || q.endsWith(" AAAA") || q.endsWith(" CNAME") || q.endsWith(" SOA"));
  }

  static PublicRouteSettings.Builder options() {
    try {
      return PublicRouteSettings.builder().dnsServer(DnsServer.parse(dns.address())).trust(EdgeTrust.withPemFile(ca)).localTunnelId(TUNNEL);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
