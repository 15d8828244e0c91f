package io.github.tunneldiagnostics.core.internal.logs;

import static io.github.tunneldiagnostics.core.internal.logs.LogClassifierTest.digest;
import static io.github.tunneldiagnostics.core.internal.logs.LogClassifierTest.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.LogReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One log per class of line the classifier must tell apart, each with the finding it must give. */
class LogCausesTest {
  private static final String U =
      "Unable to reach the origin service. The service may be down or it may not be responding to traffic from cloudflared: ";

  private static LogAnalysis analyze(String log) throws IOException {
    return analyze(null, log);
  }

  private static LogAnalysis analyze(IngressModel model, String log) throws IOException {
    return LogClassifier.builder().ingress(model).build().analyze("cloudflared.log", new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
  }

  /** The proxy's line and the QUIC transport's line of one failed request. */
  private static String request(String time, int rule, String service, String host, String cause) {
    return time + " ERR  error=\"" + cause + "\" cfRay=8f1a2b3c4d5e6f70-FRA connIndex=0 event=1 ingressRule=" + rule + " originService=" + service + "\n"
        + time + " ERR Request failed error=\"" + cause + "\" connIndex=0 dest=https://" + host + "/ event=0 ip=198.41.200.13 type=http\n";
  }

  private static Finding only(LogAnalysis analysis, String code) {
    return analysis.findings().stream().filter(f -> f.code().equals(code)).reduce((a, b) -> {
      throw new AssertionError("more than one " + code + ": " + analysis.findings());
    }).orElseThrow(() -> new AssertionError("no " + code + " in " + analysis.findings()));
  }

  @Test
  void aRefusedProxyIsAProxyProblemNotARefusedOrigin() throws Exception {
    LogAnalysis analysis = analyze(request("2024-12-10T10:00:00Z", 0, "http://app.internal:8080", "app.example.com",
        U + "proxyconnect tcp: dial tcp 10.0.0.5:3128: connect: connection refused"));

    Finding proxy = only(analysis, FindingCode.ORIGIN_VIA_PROXY);
    assertThat(proxy.severity()).isEqualTo(Severity.ERROR);
    assertThat(proxy.message()).isEqualTo(
        "cloudflared logged 1 failed request for app.example.com to http://app.internal:8080 (rule #0) at 2024-12-10T10:00:00Z: cloudflared sent the request "
            + "through the HTTP(S) proxy named in its environment (HTTP_PROXY / HTTPS_PROXY), and the proxy failed (proxyconnect tcp: dial tcp 10.0.0.5:3128: "
            + "connect: connection refused); the origin itself was never reached.");
    assertThat(proxy.remediation()).isEqualTo(
        "Add the origin's host to NO_PROXY in cloudflared's environment (its service unit or container), or repair the proxy; loopback origins are never proxied.");
    assertThat(digest(analysis)).containsExactly("ORIGIN_VIA_PROXY rule=0 http://app.internal:8080 app.example.com x1");
  }

  @Test
  void tooManyOpenFilesIsOneConnectorFindingWhereverCloudflaredLogsIt() throws Exception {
    String log = request("2024-12-10T10:00:00Z", 0, "http://127.0.0.1:8080", "app.example.com", U + "dial tcp 127.0.0.1:8080: socket: too many open files")
        + "2024-12-10T10:00:01Z ERR Failed to dial a quic connection error=\"failed to dial to edge with quic: listen udp: socket: too many open files\" connIndex=1 event=0 ip=198.41.200.13\n"
        + "2024/12/10 10:00:02 http: Accept error: accept tcp 127.0.0.1:20241: accept4: too many open files; retrying in 5ms\n";

    LogAnalysis analysis = analyze(log);

    Finding fd = only(analysis, FindingCode.CONNECTOR_FD_EXHAUSTED);
    assertThat(fd.severity()).isEqualTo(Severity.ERROR);
    assertThat(fd.subject()).isEqualTo("connector log");
    assertThat(fd.message()).isEqualTo(
        "cloudflared logged this 3 times between 2024-12-10T10:00:00Z and 2024-12-10T10:00:01Z: cloudflared ran out of file descriptors (too many open "
            + "files), so it could not open the connection.");
    assertThat(fd.remediation()).isEqualTo(
        "Raise cloudflared's open-file limit (LimitNOFILE= in its systemd unit, ulimit -n, or the container's nofile ulimit) and restart it; look for an "
            + "origin or client that keeps connections open.");
    assertThat(fd.evidence()).containsEntry("count", "3");
    assertThat(analysis.findings()).extracting(Finding::code).containsExactly(FindingCode.CONNECTOR_FD_EXHAUSTED);
    assertThat(analysis.summary().failedRequests()).isEqualTo(1);
    assertThat(analysis.summary().skippedLines()).isZero();
  }

  @Test
  void anIngressCloudflaredRefusesIsIngressInvalidFromTheLog() throws Exception {
    String log = "2024-12-10T10:00:00Z ERR Couldn't start tunnel error=\"Rule #2 is matching the hostname '', but this will match every hostname, "
        + "meaning the rules which follow it will never be triggered.\"\n"
        + "2024-12-10T11:00:00Z ERR Failed to update ingress error=\"localhost:8080 is an invalid address, please make sure it has a scheme and a hostname\" "
        + "config=\"{}\" version=7\n"
        + "2024-12-10T12:00:00Z ERR Couldn't start tunnel error=\"invalid edge-bind-address 300.1.1.1: bad\"\n";

    LogAnalysis analysis = analyze(log);

    Finding invalid = only(analysis, FindingCode.INGRESS_INVALID);
    assertThat(invalid.severity()).isEqualTo(Severity.ERROR);
    assertThat(invalid.message()).isEqualTo(
        "cloudflared logged this 2 times between 2024-12-10T10:00:00Z and 2024-12-10T11:00:00Z: cloudflared refused its ingress rules (Couldn't start tunnel), "
            + "so it serves nothing until they are fixed.");
    assertThat(invalid.evidence()).containsEntry("cloudflaredMessage",
        "Rule #2 is matching the hostname '', but this will match every hostname, meaning the rules which follow it will never be triggered.");
    LogReport summary = analysis.summary();
    assertThat(summary.unexplainedErrorLines()).isEqualTo(1);
    assertThat(summary.unexplainedSample()).isEqualTo("2024-12-10T12:00:00Z ERR Couldn't start tunnel error=\"invalid edge-bind-address 300.1.1.1: bad\"");
  }

  @Test
  void aRequestCancelledWhileWaitingForTheOriginIsASlowOrigin() throws Exception {
    LogAnalysis analysis = analyze(request("2024-12-10T10:01:40Z", 0, "http://127.0.0.1:8080", "app.example.com", "Incoming request ended abruptly: context canceled"));

    Finding slow = only(analysis, FindingCode.ORIGIN_SLOW);
    assertThat(slow.severity()).isEqualTo(Severity.WARNING);
    assertThat(slow.message()).isEqualTo(
        "cloudflared logged 1 failed request for app.example.com to http://127.0.0.1:8080 (rule #0) at 2024-12-10T10:01:40Z: the request was cancelled while "
            + "cloudflared still waited for the origin's response headers (Incoming request ended abruptly: context canceled): the visitor, or Cloudflare's edge "
            + "after 100 s (HTTP 524), gave up before the origin answered. No line shows when this request started: cloudflared logs each request's "
            + "start (with its cf-ray) only at --loglevel debug; with it, the doctor joins the cancel to its request and says how long cloudflared waited.");
    assertThat(slow.evidence()).containsEntry("cause", "Incoming request ended abruptly: context canceled").containsEntry("count", "1");
  }

  /** cloudflared's debug line of a request's start, with its headers, as logged at --loglevel debug. */
  private static String started(String time, String ray, String request) {
    return time + " DBG " + request + " cfRay=" + ray + "-FRA connIndex=0 content-length=0 event=1 headers={\"Accept\":[\"*/*\"],\"Cf-Ray\":[\""
        + ray + "-FRA\"],\"User-Agent\":[\"curl/8.5.0\"]} host=app.example.com ingressRule=0 originService=http://127.0.0.1:8080 path=/report\n";
  }

  private static String cancelled(String time, String ray) {
    String cause = "Incoming request ended abruptly: context canceled";
    return time + " ERR  error=\"" + cause + "\" cfRay=" + ray + "-FRA connIndex=0 event=1 ingressRule=0 originService=http://127.0.0.1:8080\n"
        + time + " ERR Request failed error=\"" + cause + "\" connIndex=0 dest=https://app.example.com/report event=0 ip=198.41.200.13 type=http\n";
  }

  @Test
  void aCancelledRequestIsJoinedByItsCfRayToTheDebugLineThatStartedIt() throws Exception {
    String log = started("2024-12-10T10:00:00Z", "8f1a2b3c4d5e6f70", "GET https://app.example.com/report?year=2024 HTTP/1.1")
        + started("2024-12-10T10:00:01Z", "8f1a2b3c4d5e6f71", "GET https://app.example.com/ HTTP/1.1")
        + "2024-12-10T10:00:01Z DBG 200 OK cfRay=8f1a2b3c4d5e6f71-FRA connIndex=0 content-length=512 event=1 ingressRule=0 originService=http://127.0.0.1:8080\n"
        + started("2024-12-10T10:00:30Z", "8f1a2b3c4d5e6f72", "POST https://app.example.com/export HTTP/2.0")
        + cancelled("2024-12-10T10:00:45Z", "8f1a2b3c4d5e6f72") // the visitor left after 15 s
        + cancelled("2024-12-10T10:01:40Z", "8f1a2b3c4d5e6f70"); // the edge gave up after 100 s

    LogAnalysis analysis = analyze(log);

    Finding slow = only(analysis, FindingCode.ORIGIN_SLOW);
    assertThat(slow.message()).isEqualTo(
        "cloudflared logged 2 failed requests for app.example.com to http://127.0.0.1:8080 (rule #0) between 2024-12-10T10:00:45Z and 2024-12-10T10:01:40Z: "
            + "the request was cancelled while cloudflared still waited for the origin's response headers (Incoming request ended abruptly: context "
            + "canceled): the visitor, or Cloudflare's edge after 100 s (HTTP 524), gave up before the origin answered. The longest wait of the 2 joined "
            + "by cf-ray: GET https://app.example.com/report?year=2024 HTTP/1.1 (cf-ray 8f1a2b3c4d5e6f70) started at 2024-12-10T10:00:00Z and was "
            + "cancelled at 2024-12-10T10:01:40Z, 100 s later, when Cloudflare's edge gives up on an origin that sent no response headers (HTTP 524).");
    assertThat(slow.evidence())
        .containsEntry("joinedByCfRay", "2 of 2")
        .containsEntry("request", "GET https://app.example.com/report?year=2024 HTTP/1.1")
        .containsEntry("cfRay", "8f1a2b3c4d5e6f70")
        .containsEntry("requestStarted", "2024-12-10T10:00:00Z")
        .containsEntry("requestCancelled", "2024-12-10T10:01:40Z")
        .containsEntry("waited", "100 s")
        .doesNotContainKey("cfRayJoinsDropped");
    assertThat(analysis.summary().failedRequests()).isEqualTo(2);
  }

  @Test
  void theJoinReadsCloudflaredsJsonLogFileToo() throws Exception {
    String context = "{\"level\":\"debug\",\"event\":1,\"connIndex\":0,\"cfRay\":\"%s-FRA\",\"originService\":\"http://127.0.0.1:8080\",\"ingressRule\":0,";
    String log = String.format(java.util.Locale.ROOT, context, "8f1a2b3c4d5e6f70") + "\"host\":\"app.example.com\",\"path\":\"/report\","
        + "\"headers\":{\"Accept\":[\"*/*\"]},\"content-length\":0,\"time\":\"2024-12-10T10:00:00Z\",\"message\":\"GET https://app.example.com/report HTTP/1.1\"}\n"
        + String.format(java.util.Locale.ROOT, context, "8f1a2b3c4d5e6f71") + "\"host\":\"app.example.com\",\"path\":\"/\",\"headers\":{},"
        + "\"content-length\":0,\"time\":\"2024-12-10T10:00:01Z\",\"message\":\"GET https://app.example.com/ HTTP/1.1\"}\n"
        + String.format(java.util.Locale.ROOT, context, "8f1a2b3c4d5e6f71") + "\"content-length\":512,\"time\":\"2024-12-10T10:00:01Z\",\"message\":\"200 OK\"}\n"
        + "{\"level\":\"error\",\"event\":1,\"connIndex\":0,\"cfRay\":\"8f1a2b3c4d5e6f70-FRA\",\"originService\":\"http://127.0.0.1:8080\",\"ingressRule\":0,"
        + "\"error\":\"Incoming request ended abruptly: context canceled\",\"time\":\"2024-12-10T10:01:40Z\"}\n";

    LogAnalysis analysis = analyze(log);

    Finding slow = only(analysis, FindingCode.ORIGIN_SLOW);
    assertThat(slow.message()).endsWith(
        "gave up before the origin answered. The request GET https://app.example.com/report HTTP/1.1 (cf-ray 8f1a2b3c4d5e6f70) started at "
            + "2024-12-10T10:00:00Z and was cancelled at 2024-12-10T10:01:40Z, 100 s later, when Cloudflare's edge gives up on an origin that sent no "
            + "response headers (HTTP 524).");
    assertThat(slow.evidence()).containsEntry("joinedByCfRay", "1 of 1").doesNotContainKey("cfRayJoinsDropped");
    assertThat(analysis.summary().cloudflaredLines()).isEqualTo(4);
  }

  @Test
  void aVisitorWhoLeftEarlyIsToldFromTheEdgeTimeout() throws Exception {
    String log = started("2024-12-10T10:00:30Z", "00000000000000a1", "GET https://app.example.com/slow HTTP/1.1")
        + cancelled("2024-12-10T10:00:42Z", "00000000000000a1");

    Finding slow = only(analyze(log), FindingCode.ORIGIN_SLOW);

    assertThat(slow.message()).endsWith(
        "gave up before the origin answered. The request GET https://app.example.com/slow HTTP/1.1 (cf-ray 00000000000000a1) started at "
            + "2024-12-10T10:00:30Z and was cancelled at 2024-12-10T10:00:42Z, 12 s later, before Cloudflare's 100 s limit: the visitor gave up.");
    assertThat(slow.evidence()).containsEntry("waited", "12 s").containsEntry("joinedByCfRay", "1 of 1");
  }

  @Test
  void withoutDebugLinesTheSlowFindingSaysHowToGetTheJoin() throws Exception {
    Finding slow = only(analyze(cancelled("2024-12-10T10:01:40Z", "8f1a2b3c4d5e6f70")), FindingCode.ORIGIN_SLOW);

    assertThat(slow.message()).endsWith(
        "gave up before the origin answered. No line shows when this request started: cloudflared logs each request's start (with its cf-ray) only "
            + "at --loglevel debug; with it, the doctor joins the cancel to its request and says how long cloudflared waited.");
    assertThat(slow.evidence()).containsEntry("joinedByCfRay", "0 of 1").doesNotContainKey("request");
  }

  @Test
  void answeredAndOtherwiseFailedRequestsAreForgottenSoTheBoundCostsNothing() throws Exception {
    String refused = U + "dial tcp 127.0.0.1:8080: connect: connection refused";
    StringBuilder log = new StringBuilder(started("2024-12-10T10:00:00Z", "00000000000000f0", "GET https://app.example.com/down HTTP/1.1"))
        .append("2024-12-10T10:00:00Z ERR  error=\"").append(refused)
        .append("\" cfRay=00000000000000f0-FRA connIndex=0 event=1 ingressRule=0 originService=http://127.0.0.1:8080\n");
    log.append(started("2024-12-10T10:00:01Z", "00000000000000f1", "GET https://app.example.com/slow HTTP/1.1"));
    for (int i = 0; i < PendingRequests.CAPACITY * 2; i++) {
      String ray = String.format(java.util.Locale.ROOT, "%016x", 0x1000 + i);
      log.append("2024-12-10T10:00:02Z DBG GET https://app.example.com/ HTTP/1.1 cfRay=").append(ray).append("-FRA connIndex=0 event=1\n")
          .append("2024-12-10T10:00:02Z DBG 304 Not Modified cfRay=").append(ray).append("-FRA connIndex=0 content-length=0 event=1\n");
    }
    log.append(cancelled("2024-12-10T10:01:41Z", "00000000000000f1"));

    LogAnalysis analysis = analyze(log.toString());

    Finding slow = only(analysis, FindingCode.ORIGIN_SLOW);
    assertThat(slow.evidence()).containsEntry("joinedByCfRay", "1 of 1").containsEntry("waited", "100 s").doesNotContainKey("cfRayJoinsDropped");
    assertThat(analysis.summary().failedRequests()).isEqualTo(2);
  }

  @Test
  void theJoinIsBoundedAndSaysWhatTheBoundCost() throws Exception {
    StringBuilder log = new StringBuilder(started("2024-12-10T10:00:00Z", "0000000000000001", "GET https://app.example.com/first HTTP/1.1"));
    for (int i = 0; i < PendingRequests.CAPACITY; i++) { // never answered: the first is forgotten
      log.append("2024-12-10T10:00:01Z DBG GET https://app.example.com/ HTTP/1.1 cfRay=").append(String.format(java.util.Locale.ROOT, "%016x", 0x1000 + i))
          .append("-FRA connIndex=0 event=1\n");
    }
    log.append(cancelled("2024-12-10T10:01:40Z", "0000000000000001"));

    LogAnalysis analysis = analyze(log.toString());

    Finding slow = only(analysis, FindingCode.ORIGIN_SLOW);
    assertThat(slow.evidence())
        .containsEntry("joinedByCfRay", "0 of 1")
        .containsEntry("cfRayJoinsDropped", "1 request still waiting was forgotten (the join keeps at most 8192 unanswered requests per part of the file)");
    assertThat(analysis.summary().failedRequests()).isEqualTo(1);
  }

  @Test
  void aBadWebSocketHandshakeIsAWebSocketRejection() throws Exception {
    String log = "2024-12-10T10:00:00Z ERR failed to connect to origin error=\"websocket: bad handshake\" originURL=https://ssh.example.com\n";
    IngressModel model = model("ssh.example.com", "ssh://127.0.0.1:22", "", "http_status:404");

    LogAnalysis analysis = analyze(model, log);

    Finding ws = only(analysis, FindingCode.ORIGIN_WEBSOCKET_REJECTED);
    assertThat(ws.message()).isEqualTo(
        "cloudflared logged 1 failed request for ssh.example.com to ssh://127.0.0.1:22 (rule #0 (ssh.example.com)) at 2024-12-10T10:00:00Z: the origin did not "
            + "accept the WebSocket upgrade (websocket: bad handshake): it answered something other than 101 Switching Protocols.");
    assertThat(ws.ruleIndex()).hasValue(0);
  }

  @Test
  void aResetOnAPlainHttpServiceIsNoResponseWithItsOwnWording() throws Exception {
    LogAnalysis analysis = analyze(request("2024-12-10T10:00:00Z", 3, "http://127.0.0.1:5001", "nas.example.com",
        U + "read tcp 127.0.0.1:36562->127.0.0.1:5001: read: connection reset by peer"));

    Finding reset = only(analysis, FindingCode.ORIGIN_NO_RESPONSE);
    assertThat(reset.message()).isEqualTo(
        "cloudflared logged 1 failed request for nas.example.com to http://127.0.0.1:5001 (rule #3) at 2024-12-10T10:00:00Z: the origin reset the connection "
            + "instead of answering the plain-HTTP request (connection reset by peer): an app that crashes or drops the request does this, and so does a port "
            + "that speaks TLS.");
    assertThat(reset.remediation()).isEqualTo(
        "Check the app's own logs at these times; if the port speaks TLS, change the rule's service scheme to https://; if the app closes idle keep-alive "
            + "connections early, lower originRequest.keepAliveTimeout below its idle timeout.");
  }

  @Test
  void timeoutsAfterTheConnectionAreNoResponseAndNeverDropped() throws Exception {
    String log = request("2024-12-10T10:00:00Z", 0, "http://127.0.0.1:8080", "app.example.com", U + "net/http: timeout awaiting response headers")
        + request("2024-12-10T10:00:01Z", 0, "http://127.0.0.1:8080", "app.example.com", U + "context deadline exceeded")
        + request("2024-12-10T10:00:02Z", 1, "tcp://127.0.0.1:5432", "db.example.com", "dial tcp 127.0.0.1:5432: context deadline exceeded");

    LogAnalysis analysis = analyze(log);

    assertThat(digest(analysis)).containsExactlyInAnyOrder(
        "ORIGIN_NO_RESPONSE rule=0 http://127.0.0.1:8080 app.example.com x2", "ORIGIN_CONNECT_TIMEOUT rule=1 tcp://127.0.0.1:5432 db.example.com x1");
    assertThat(analysis.summary().failedRequests()).isEqualTo(3);
    assertThat(analysis.summary().unexplainedRequests()).isZero();
  }

  @Test
  void anUnknownCauseIsUnclassifiedPerRuleWithASampleSoTheLogIsNeverHealthy() throws Exception {
    String log = request("2024-12-10T10:00:00Z", 2, "http://127.0.0.1:9000", "odd.example.com", U + "http2: server sent GOAWAY and closed the connection")
        + request("2024-12-10T10:00:05Z", 2, "http://127.0.0.1:9000", "odd.example.com", U + "http2: server sent GOAWAY and closed the connection");

    LogAnalysis analysis = analyze(log);

    Finding unclassified = only(analysis, FindingCode.ORIGIN_FAILURE_UNCLASSIFIED);
    assertThat(unclassified.severity()).isEqualTo(Severity.WARNING);
    assertThat(unclassified.message()).isEqualTo(
        "cloudflared logged 2 failed requests for odd.example.com to http://127.0.0.1:9000 (rule #2) between 2024-12-10T10:00:00Z and 2024-12-10T10:00:05Z: "
            + "no finding code covers their cause; the first was: http2: server sent GOAWAY and closed the connection.");
    assertThat(unclassified.evidence())
        .containsEntry("count", "2")
        .containsEntry("cause", "http2: server sent GOAWAY and closed the connection")
        .containsEntry("sample", "2024-12-10T10:00:00Z ERR  error=\"" + U + "http2: server sent GOAWAY and closed the connection\" cfRay=8f1a2b3c4d5e6f70-FRA "
            + "connIndex=0 event=1 ingressRule=2 originService=http://127.0.0.1:9000");
    assertThat(analysis.summary().failedRequests()).isEqualTo(2);
    assertThat(analysis.summary().unexplainedRequests()).isEqualTo(2);
  }

  @Test
  void aFailedStreamRequestCountsOnceLikeAnHttpOne() throws Exception {
    String log = "2024-12-10T10:00:00Z ERR  error=\"dial tcp 127.0.0.1:22: connect: connection refused\" cfRay=8f1a2b3c4d5e6f70-FRA connIndex=0 "
        + "destAddr=127.0.0.1:22 event=1 ingressRule=1 originService=ssh://127.0.0.1:22\n"
        + "2024-12-10T10:00:00Z ERR Request failed error=\"dial tcp 127.0.0.1:22: connect: connection refused\" connIndex=0 dest=https://ssh.example.com/ "
        + "event=0 ip=198.41.200.13 type=websocket\n"
        + "2024-12-10T10:00:01Z ERR  error=\"dial tcp 127.0.0.1:8080: connect: connection refused\" cfRay=8f1a2b3c4d5e6f71-FRA connIndex=1 "
        + "destAddr=wss://ws.example.com event=1 ingressRule=2 originService=ws://127.0.0.1:8080\n"
        + "2024-12-10T10:00:01Z ERR failed to serve incoming request error=\"dial tcp 127.0.0.1:8080: connect: connection refused\"\n";

    LogAnalysis analysis = analyze(log);

    assertThat(digest(analysis)).containsExactlyInAnyOrder(
        "ORIGIN_CONNECTION_REFUSED rule=1 ssh://127.0.0.1:22 ssh.example.com x1", "ORIGIN_CONNECTION_REFUSED rule=2 ws://127.0.0.1:8080 - x1");
    assertThat(analysis.summary().failedRequests()).isEqualTo(2);
  }

  @Test
  void oneFindingPerCodeAndRuleWhateverTheHostnamesWithFirstAndLastSeenMerged() throws Exception {
    IngressModel model = model("*.example.com", "http://127.0.0.1:8080", "", "http_status:404");
    String log = "2024-12-10T10:00:00Z ERR Request failed error=\"" + U + "EOF\" connIndex=0 dest=https://a.example.com/ event=0 type=http\n"
        + "2024-12-10T10:00:09Z ERR Request failed error=\"" + U + "EOF\" connIndex=1 dest=https://b.example.com/x event=0 type=http\n"
        + "2024-12-10T10:00:05Z ERR Request failed error=\"" + U + "EOF\" connIndex=2 dest=https://a.example.com/y event=0 type=http\n";

    LogAnalysis analysis = analyze(model, log);

    Finding eof = only(analysis, FindingCode.ORIGIN_NO_RESPONSE);
    assertThat(eof.message()).isEqualTo(
        "cloudflared logged 3 failed requests for several hostnames to http://127.0.0.1:8080 (rule #0 (*.example.com)) between 2024-12-10T10:00:00Z and "
            + "2024-12-10T10:00:09Z: the origin closed the connection without answering (EOF).");
    assertThat(eof.evidence()).containsEntry("hostnames", "a.example.com (2), b.example.com (1)").containsEntry("count", "3");
  }

  @Test
  void acceptsJournaldComposeKubectlAndTimestampedLinesAndCountsThem() throws Exception {
    String line = "2024-12-10T10:00:00Z ERR Request failed error=\"" + U + "EOF\" connIndex=0 dest=https://a.example.com/ event=0 type=http";
    String log = "Dec 10 10:00:00 edge1 cloudflared[812]: " + line + "\n"
        + "2024-12-10T10:00:00+0000 edge1 cloudflared[812]: " + line + "\n"
        + "tunnel-cloudflared-1  | " + line + "\n"
        + "tunnel-cloudflared-1  | 2024-12-10T10:00:00.123456789Z " + line + "\n"
        + "[pod/cloudflared-7d9f8b6c4-x2x9z/cloudflared] " + line + "\n"
        + "2024-12-10T10:00:00.123456789Z " + line + "\n"
        + line + "\n";

    LogAnalysis analysis = analyze(log);

    LogReport summary = analysis.summary();
    assertThat(summary.wrappers()).containsExactly(
        Map.entry("plain", 1L), Map.entry("journald", 2L), Map.entry("compose", 2L), Map.entry("kubectl", 1L), Map.entry("timestamped", 1L));
    assertThat(summary.cloudflaredLines()).isEqualTo(7);
    assertThat(summary.failedRequests()).isEqualTo(7);
    assertThat(summary.skippedLines()).isZero();
  }

  /** A line as Docker's json-file log driver stores it: JSON-escaped, with its newline, the stream and the time. */
  private static String dockerJson(String line) {
    String escaped = line.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u001b", "\\u001b").replace("<", "\\u003c").replace(">", "\\u003e");
    return "{\"log\":\"" + escaped + "\\n\",\"stream\":\"stderr\",\"time\":\"2024-12-10T10:00:00.123456789Z\"}\n";
  }

  @Test
  void readsDockersJsonFileLogAndCountsItsLines() throws Exception {
    String refused = U + "dial tcp 127.0.0.1:8080: connect: connection refused";
    String log = dockerJson("2024-12-10T10:00:00Z INF Starting tunnel tunnelID=3d6fd7a4-0000-4000-8000-000000000000")
        + dockerJson("\u001b[90m2024-12-10T10:00:01Z\u001b[0m \u001b[31mERR\u001b[0m  \u001b[36merror=\u001b[0m\"" + refused + "\" \u001b[36mcfRay=\u001b[0m8f1a2b3c4d5e6f70-FRA "
            + "\u001b[36mconnIndex=\u001b[0m0 \u001b[36mevent=\u001b[0m1 \u001b[36mingressRule=\u001b[0m0 \u001b[36moriginService=\u001b[0mhttp://127.0.0.1:8080")
        + dockerJson("2024-12-10T10:00:01Z ERR Request failed error=\"" + refused + "\" connIndex=0 dest=https://app.example.com/<b> event=0 ip=198.41.200.13 type=http")
        + dockerJson("{\"level\":\"error\",\"error\":\"" + U + "EOF\",\"cfRay\":\"8f1a2b3c4d5e6f71-FRA\",\"event\":1,\"ingressRule\":1,"
            + "\"originService\":\"http://127.0.0.1:9000\",\"time\":\"2024-12-10T10:00:02Z\"}")
        + dockerJson("2024-12-10T10:00:03Z DBG GET https://app.example.com/ HTTP/1.1 cfRay=8f1a2b3c4d5e6f72-FRA connIndex=0 event=1")
        + dockerJson("")
        + dockerJson("\tat goroutine 1 [running]:")
        + "{\"log\":\"binary \\u0000 junk\\n\",\"stream\":\"stderr\",\"time\":\"2024-12-10T10:00:04Z\"}\n";

    LogAnalysis analysis = analyze(log);

    assertThat(digest(analysis)).containsExactly(
        "ORIGIN_CONNECTION_REFUSED rule=0 http://127.0.0.1:8080 app.example.com x1", "ORIGIN_NO_RESPONSE rule=1 http://127.0.0.1:9000 - x1",
        "LOG_INPUT_SKIPPED rule=- - - x-");
    LogReport summary = analysis.summary();
    assertThat(summary.wrappers()).containsExactly(Map.entry("dockerJson", 5L));
    assertThat(summary.cloudflaredLines()).isEqualTo(5);
    assertThat(summary.skipped()).containsExactly(Map.entry("binary", 1L), Map.entry("notCloudflared", 1L));
    assertThat(summary.failedRequests()).isEqualTo(2);
    Finding refusedFinding = only(analysis, FindingCode.ORIGIN_CONNECTION_REFUSED);
    assertThat(refusedFinding.evidence()).containsEntry("sample", "2024-12-10T10:00:01Z ERR  error=\"" + refused + "\" cfRay=8f1a2b3c4d5e6f70-FRA connIndex=0 "
        + "event=1 ingressRule=0 originService=http://127.0.0.1:8080");
  }

  @Test
  void linesThatOnlyResembleCloudflaredsAreSkippedAndNeverCountedAsFailures() throws Exception {
    String refused = U + "dial tcp 127.0.0.1:8080: connect: connection refused";
    String line = "2024-12-10T10:00:00Z ERR  error=\"" + refused + "\" cfRay=8f1a2b3c4d5e6f70-FRA connIndex=0 event=1 ingressRule=0 originService=http://127.0.0.1:8080";
    String log = line + "\n" // one real refusal
        + "2024-12-10T10:00:00Z ERR Request failed error=\"" + refused + "\" connIndex=0 dest=https://app.example.com/ event=0 type=http\n" // its partner
        + "Dec 10 10:00:01 edge1 nginx[77]: " + line + "\n" // another program's journald line quoting it
        + "Dec 10 10:00:01 edge1 sshd[90]: Accepted publickey for root from 10.0.0.9 port 51234 ssh2\n"
        + "2024-12-10 10:00:02,123 ERROR [app] upstream said: " + line + "\n" // another program's format
        + "user pasted: " + line + "\n" // quoted inside another message
        + "rror=\"" + refused + "\" cfRay=8f1a2b3c4d5e6f70-FRA connIndex=0 event=1 ingressRule=0 originService=http://127.0.0.1:8080\n" // a fragment
        + "ERR  error=\"" + refused + "\" ingressRule=0 originService=http://127.0.0.1:8080\n" // no time: a fragment
        + "{\"log\":\"" + line.replace("\"", "\\\"") + "\\n\",\"stream\":\"stderr\"\n" // a json-file entry cut short: no closing brace
        + "2024-12-10T10:00:03Z INF Received error=\"" + refused + "\" originService=http://127.0.0.1:8080\n" // an INF line that mentions it
        + "2024-12-10T10:00:04Z DBG " + line + "\n" // debug line quoting it
        + "Dec 10 10:00:05 edge1 cloudflared[812]: " + line.replace("10:00:00Z", "10:00:05Z") + "\n"; // a second real refusal, via journald

    LogAnalysis analysis = analyze(log);

    assertThat(digest(analysis)).containsExactly(
        "ORIGIN_CONNECTION_REFUSED rule=0 http://127.0.0.1:8080 app.example.com x2", "LOG_INPUT_SKIPPED rule=- - - x-");
    LogReport summary = analysis.summary();
    assertThat(summary.failedRequests()).isEqualTo(2);
    assertThat(summary.skipped()).containsExactly(Map.entry("otherProgram", 2L), Map.entry("notCloudflared", 5L));
    Finding skipped = only(analysis, FindingCode.LOG_INPUT_SKIPPED);
    assertThat(skipped.severity()).isEqualTo(Severity.WARNING);
    assertThat(skipped.message()).isEqualTo(
        "7 of the 12 lines of cloudflared.log were not cloudflared's and were skipped (2 another program's, 5 without cloudflared's shape).");
  }
}
