package io.github.tunneldiagnostics.core.internal.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.probe.SocketTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.assertj.core.api.InstanceOfAssertFactories;

/** Which remedy each finding gets, and that a port change never points a route at another application. */
class RemedyPlannerTest {
  @TempDir Path dir;

  private Path config(String yaml) throws Exception {
    Path file = dir.resolve("config.yml");
    Files.writeString(file, yaml);
    return file;
  }

  /** A fake {@code /proc/net} whose tcp tables list these listeners ({@code 127.0.0.1:port} or {@code [::1]:port}). */
  private SocketTable sockets(String... listeners) throws Exception {
    Path net = Files.createDirectories(dir.resolve("proc/net"));
    StringBuilder tcp = new StringBuilder("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
    StringBuilder tcp6 = new StringBuilder(tcp);
    int line = 0;
    for (String listener : listeners) {
      int port = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
      String entry = "   " + line++ + ": %s:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 " + (1000 + line) + " 1\n";
      if (listener.startsWith("[::1]")) {
        tcp6.append(String.format(entry, "00000000000000000000000001000000", port));
      } else {
        tcp.append(String.format(entry, "0100007F", port));
      }
    }
    Files.writeString(net.resolve("tcp"), tcp);
    Files.writeString(net.resolve("tcp6"), tcp6);
    return SocketTable.at(net);
  }

  private static Finding origin(String code, int rule) {
    return Finding.error(code).check("origin").subject("rule #" + rule).message("m").remediation("Start the app on its port.").rule(rule).build();
  }

  private static DiagnosisReport report(IngressModel model, Finding... findings) {
    return DiagnosisReport.of(Instant.EPOCH, Duration.ZERO, model, List.of(), List.of(findings));
  }

  private static final String TWO_APPS = """
      ingress:
        - hostname: shop.example.test
          service: http://127.0.0.1:3100
        - hostname: blog.example.test
          service: http://localhost:3101
        - service: http_status:404
      """;

  @Test
  void theNeighbourPortOfAnotherRuleIsLeftAlone() throws Exception {
    Path file = config(TWO_APPS);
    IngressModel model = ConfigLoader.load(file);

    DiagnosisReport planned = RemedyPlanner.forFile(file).sockets(sockets("127.0.0.1:3101"))
        .attach(report(model, origin(FindingCode.ORIGIN_CONNECTION_REFUSED, 0)));

    assertThat(planned.remedies()).containsExactly(new Remedy.Manual(
        "Start the app of rule #0 so that it listens on port 3100, or correct the port in rule #0's service by hand.",
        "No port change is suggested: port 3101 serves rule #1; pointing rule #0 there could send its visitors to another application."));
  }

  @Test
  void theOnlyNearbyListenerThatServesNoRuleBecomesTheNewPort() throws Exception {
    Path file = config(TWO_APPS.replace("localhost:3101", "localhost:4000"));
    IngressModel model = ConfigLoader.load(file);

    DiagnosisReport planned = RemedyPlanner.forFile(file).sockets(sockets("127.0.0.1:3101", "127.0.0.1:4000"))
        .attach(report(model, origin(FindingCode.ORIGIN_CONNECTION_REFUSED, 0)));

    assertThat(planned.remedies()).containsExactly(new Remedy.SetService(0, "http://127.0.0.1:3100", "http://127.0.0.1:3101",
        "Nothing listens on port 3100; the only listener nearby is 127.0.0.1:3101, which serves no other rule."));
  }

  @Test
  void severalNearbyListenersAreAmbiguous() throws Exception {
    Path file = config(TWO_APPS.replace("localhost:3101", "localhost:4000"));
    IngressModel model = ConfigLoader.load(file);

    DiagnosisReport planned = RemedyPlanner.forFile(file).sockets(sockets("127.0.0.1:3101", "127.0.0.1:3105"))
        .attach(report(model, origin(FindingCode.ORIGIN_CONNECTION_REFUSED, 0)));

    assertThat(planned.remedies()).singleElement().isInstanceOf(Remedy.Manual.class)
        .extracting(Remedy::why).isEqualTo("No port change is suggested: several ports nearby listen (3101, 3105), so which one is this app is not"
            + " evident; pointing rule #0 there could send its visitors to another application.");
  }

  @Test
  void anAppBoundOnlyToTheIpv6LoopbackGetsTheAddressItListensOn() throws Exception {
    Path file = config(TWO_APPS);
    IngressModel model = ConfigLoader.load(file);

    DiagnosisReport planned = RemedyPlanner.forFile(file).sockets(sockets("[::1]:3100"))
        .attach(report(model, origin(FindingCode.ORIGIN_BOUND_ELSEWHERE, 0)));

    assertThat(planned.remedies()).containsExactly(new Remedy.SetService(0, "http://127.0.0.1:3100", "http://[::1]:3100",
        "The app listens on [::1]:3100 only, an address 127.0.0.1 does not reach; cloudflared dials what the service names."));
  }

  @Test
  void schemeAndServerNameRemedies() throws Exception {
    Path file = config("""
        ingress:
          - hostname: a.example.test
            service: http://127.0.0.1:8443
          - hostname: b.example.test
            service: https://127.0.0.1:8080
          - hostname: c.example.test
            service: https://10.0.0.1
          - service: http_status:404
        """);
    IngressModel model = ConfigLoader.load(file);
    Finding sni = Finding.error(FindingCode.ORIGIN_SNI_REQUIRED).check("origin").subject("rule #2").message("m").remediation("r").rule(2)
        .evidence("sniThatWorks", "c.example.test").build();

    DiagnosisReport planned = RemedyPlanner.forFile(file).sockets(SocketTable.none())
        .attach(report(model, origin(FindingCode.ORIGIN_SPEAKS_TLS, 0), origin(FindingCode.ORIGIN_SPEAKS_PLAINTEXT, 1), sni));

    assertThat(planned.remedies()).containsExactly(
        new Remedy.SetService(0, "http://127.0.0.1:8443", "https://127.0.0.1:8443", "The port speaks TLS; cloudflared must dial it with https://."),
        new Remedy.SetService(1, "https://127.0.0.1:8080", "http://127.0.0.1:8080",
            "The port speaks plain HTTP; cloudflared must not start a TLS handshake there."),
        new Remedy.SetOriginRequest(2, "originServerName", null, "c.example.test",
            "The origin completes the TLS handshake only with SNI c.example.test."));
  }

  @Test
  void configFindingsGetRenameMoveAndApexRemediesThroughValidate() throws Exception {
    Path file = config("""
        ingress:
          - hostname: "*.example.test"
            service: http://127.0.0.1:8080
            originRequest:
              noTlsVerify: true
          - hostname: api.example.test
            service: http://127.0.0.1:8081
          - service: http_status:404
        """);

    DiagnosisReport report = TunnelDiagnostics.forConfig(file).url("https://example.test/").validate();

    assertThat(report.findingsWithCode(FindingCode.CONFIG_UNKNOWN_KEY)).singleElement().extracting(Finding::remedies, InstanceOfAssertFactories.LIST)
        .containsExactly(new Remedy.RenameKey(0, "originRequest", "noTlsVerify", "noTLSVerify",
            "cloudflared ignores noTlsVerify (keys are case-sensitive); noTLSVerify is the key it reads."));
    assertThat(report.findingsWithCode(FindingCode.RULE_UNREACHABLE)).singleElement().extracting(Finding::remedies, InstanceOfAssertFactories.LIST)
        .containsExactly(new Remedy.MoveRule(1, 0,
            "cloudflared takes the first rule that matches, and rule #0 matches every request rule #1 could."));
    Remedy apex = new Remedy.AddRule(0, "example.test", "http://127.0.0.1:8080", 0,
        "*.example.test never matches example.test itself; a rule of its own serves it like its subdomains.");
    assertThat(report.findingsWithCode(FindingCode.WILDCARD_APEX_UNMATCHED)).singleElement().extracting(Finding::remedies, InstanceOfAssertFactories.LIST)
        .containsExactly(apex);
  }

  @Test
  void aBareNumberDurationGetsItsUnitInTheFindingOfAFileCloudflaredRefuses() throws Exception {
    Path file = config("""
        originRequest:
          tlsTimeout: 10
        ingress:
          - hostname: a.example.test
            service: http://127.0.0.1:8080
            originRequest:
              connectTimeout: 30
          - service: http_status:404
        """);

    DiagnosisReport report = TunnelDiagnostics.forConfig(file).validate();

    assertThat(report.findingsWithCode(FindingCode.CONFIG_YAML_INVALID)).singleElement().extracting(Finding::remedies, InstanceOfAssertFactories.LIST).containsExactly(
        new Remedy.SetOriginRequest(Remedy.TOP_LEVEL, "tlsTimeout", "10", "10s", "cloudflared reads tlsTimeout as a Go duration string and refuses"
            + " the bare number 10 (cannot unmarshal !!int into time.Duration): 10s is what was meant."),
        new Remedy.SetOriginRequest(0, "connectTimeout", "30", "30s", "cloudflared reads connectTimeout as a Go duration string and refuses"
            + " the bare number 30 (cannot unmarshal !!int into time.Duration): 30s is what was meant."));
  }

  @Test
  void aFindingOutsideTheConfigGetsWhatAPersonMustDo() throws Exception {
    Path file = config(TWO_APPS);
    IngressModel model = ConfigLoader.load(file);

    DiagnosisReport planned = RemedyPlanner.forFile(file).sockets(SocketTable.none()).attach(report(model, origin(FindingCode.ORIGIN_HTTP_ERROR, 0)));

    assertThat(planned.remedies()).containsExactly(
        new Remedy.Manual("Start the app on its port.", "The app itself answers this way; the change belongs in the app."));
  }
}
