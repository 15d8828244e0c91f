package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --public, --cloudflare-api and their options on the command line; loopback only. */
class PublicOptionsCommandTest {
  @TempDir Path dir;

  private DoctorContext context() throws IOException {
    return LoopbackOrigin.context(LoopbackOrigin.noConnectorHere(), Optional::empty);
  }

  private Path config() throws IOException {
    return Files.writeString(dir.resolve("config.yml"), "ingress:\n  - hostname: app.example.com\n    service: http://127.0.0.1:9\n"
        + "  - service: http_status:404\n");
  }

  @Test
  void visitorOptionsWithoutPublicAreAUsageError() throws IOException {
    // when
    DoctorRun run = LoopbackOrigin.run(context(), "--config", config().toString(), "--resolve", "app.example.com:443:127.0.0.1");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--resolve, --dns-server and --edge-ca apply to the public checks: add --public");
  }

  @Test
  void malformedResolveAndDnsServerAreUsageErrorsNamingTheForm() throws IOException {
    // when
    DoctorRun resolve = LoopbackOrigin.run(context(), "--config", config().toString(), "--public", "--resolve", "app.example.com:443");
    DoctorRun dns = LoopbackOrigin.run(context(), "--config", config().toString(), "--public", "--dns-server", "ns.example.com");
    DoctorRun ca = LoopbackOrigin.run(context(), "--config", config().toString(), "--public", "--edge-ca", dir.resolve("missing.pem").toString());

    // then
    assertThat(resolve.exitCode()).isEqualTo(2);
    assertThat(resolve.err()).contains("invalid --resolve 'app.example.com:443': it needs three parts separated by ':'; expected "
        + "HOST:PORT:ADDR[,ADDR]..., e.g. app.example.com:443:127.0.0.1");
    assertThat(dns.exitCode()).isEqualTo(2);
    assertThat(dns.err()).contains("invalid DNS server 'ns.example.com': 'ns.example.com' is not an IP address literal; expected ADDR[:PORT], "
        + "e.g. 127.0.0.1:5353 or [::1]:53");
    assertThat(ca.exitCode()).isEqualTo(2);
    assertThat(ca.err()).contains("cannot read the --edge-ca file '" + dir.resolve("missing.pem") + "'");
  }

  @Test
  void cloudflareApiWithoutATokenSaysSoAndTheRestRuns() throws IOException {
    // when: the context's environment holds no token; no request leaves the machine
    DoctorRun run = LoopbackOrigin.run(context(), "--config", config().toString(), "--cloudflare-api", "--format", "json");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"code\": \"CHECK_SKIPPED\"", "\"reason\": \"no token\"", "\"code\": \"ORIGIN_CONNECTION_REFUSED\"");
  }

  @Test
  void apiOptionsWithoutCloudflareApiAndABadUrlAreUsageErrors() throws IOException {
    DoctorRun without = LoopbackOrigin.run(context(), "--config", config().toString(), "--account-id", "0123456789abcdef0123456789abcdef");
    DoctorRun badUrl = LoopbackOrigin.run(context(), "--config", config().toString(), "--cloudflare-api", "--api-url", "api.cloudflare.com");

    assertThat(without.exitCode()).isEqualTo(2);
    assertThat(without.err()).contains("--api-url, --api-token-file and --account-id apply to the account checks: add --cloudflare-api");
    assertThat(badUrl.exitCode()).isEqualTo(2);
    assertThat(badUrl.err()).contains("--api-url api.cloudflare.com: expected http(s)://HOST[:PORT]/PATH: api.cloudflare.com");
  }

  @Test
  void demoWithPublicShowsBothHalvesAndTellsTheTwo502sApart() throws IOException {
    // when
    DoctorRun run = LoopbackOrigin.run(context(),
        "--demo", "--public", "--format", "json", "--timeout", "30s");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    Matcher codes = Pattern.compile("\"code\": \"([A-Z_]+)\"").matcher(run.out());
    var found = codes.results().map(m -> m.group(1)).collect(Collectors.toSet());
    assertThat(found).contains("EDGE_REACHABLE", "EDGE_BAD_GATEWAY", "EDGE_TUNNEL_UNAVAILABLE", "ORIGIN_HTTP_ERROR");
    assertThat(run.out()).contains("\"attribution\": \"cloudflared\"", "\"attribution\": \"origin\"",
        "this one is cloudflared's: it could not reach the origin of rule #1.",
        "this one is the origin's: cloudflared reached it and the app itself answered 502.");
    assertThat(run.err()).contains("tunnel-doctor: demo: the visitor's side on loopback: a DNS server answering Cloudflare addresses");
  }

  @Test
  void demoRefusesVisitorOptionsOfItsOwn() throws IOException {
    DoctorRun run = LoopbackOrigin.run(context(),
        "--demo", "--public", "--resolve", "app.demo.example:443:127.0.0.1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--demo --public brings its own loopback DNS server and edge; leave out --resolve, --dns-server, --edge-ca "
        + "and --cloudflare-api");
  }
}
