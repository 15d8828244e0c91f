package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.testkit.fake.FakeCloudflareApi;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fix} for a remotely managed tunnel (its ingress comes from the dashboard or API): the file is never
 * written; the change is said as a dashboard step and, with {@code --cloudflare-api}, as the exact API request,
 * which is printed and never sent. Loopback only: a fake Cloudflare API.
 */
class FixRemoteTunnelTest {
  static final String TUNNEL = "6ff42ae2-765d-4adf-8112-31c55c1551ef";

  @TempDir Path dir;

  @Test
  void theDashboardStepAndTheApiRequestAreShownTheFileIsNeverWrittenAndNoTokenIsPrinted() throws IOException {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      int appPort = Integer.parseInt(app.address().substring(app.address().indexOf(':') + 1));
      int wrong = closedNeighbour(appPort);
      String remoteConfig = "{\"ingress\":[{\"hostname\":\"app.example.com\",\"service\":\"http://127.0.0.1:" + wrong + "\","
          + "\"originRequest\":{\"connectTimeout\":10}},{\"service\":\"http_status:404\"}],\"warp-routing\":{\"enabled\":false}}";
      try (FakeCloudflareApi api = FakeCloudflareApi.builder().tunnel(TUNNEL, "healthy", "cloudflare")
          .connector("1bedc50d-42b3-473c-b108-ff3d10c0d925", "2026.8.2", 3).remoteConfig(3, remoteConfig).build().start()) {
        String yaml = "tunnel: " + TUNNEL + "\ningress:\n  - hostname: app.example.com\n    service: http://127.0.0.1:9\n  - service: http_status:404\n";
        Path file = Files.writeString(dir.resolve("config.yml"), yaml);
        Path token = Files.writeString(dir.resolve("token"), FakeCloudflareApi.TOKEN + "\n");

        DoctorRun run = LoopbackOrigin.run(LoopbackOrigin.context(LoopbackOrigin.noConnectorHere(), Optional::empty),
            "fix", "--config", file.toString(), "--write", "--cloudflare-api", "--api-url", api.baseUrl().toString(),
            "--api-token-file", token.toString(), "--account-id", FakeCloudflareApi.ACCOUNT);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(Files.readString(file)).isEqualTo(yaml);
        assertThat(backups()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).doesNotContain(FakeCloudflareApi.TOKEN);
        assertThat(api.calls()).allMatch(call -> call.startsWith("GET "));
        assertThat(run.err()).contains("  - ORIGIN_CONNECTION_REFUSED at rule #0 http://127.0.0.1:" + wrong + ": In the Cloudflare dashboard (Zero Trust › "
            + "Networks › Tunnels › your tunnel › Public hostnames), edit the public hostname of rule #0 (app.example.com) and change its service "
            + "from http://127.0.0.1:" + wrong + " to http://127.0.0.1:" + appPort + ".\n"
            + "    why: The tunnel is managed remotely: its connectors serve the dashboard's ingress and ignore the config file. Nothing listens "
            + "on port " + wrong + "; the only listener nearby is 127.0.0.1:" + appPort + " (java (pid " + ProcessHandle.current().pid()
            + ")), which serves no other rule.\n");
        assertThat(run.err()).contains("""

            The same change with the Cloudflare API (the doctor does not send it: run it with a token that has Account › Cloudflare Tunnel › \
            Edit; the connectors pick the new version up by themselves):
            curl -X PUT "%s/accounts/%s/cfd_tunnel/%s/configurations" \\
              -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" \\
              -H "Content-Type: application/json" \\
              --data @- <<'JSON'
            {
              "config": {
                "ingress": [
                  {
                    "hostname": "app.example.com",
                    "service": "http://127.0.0.1:%d",
                    "originRequest": {
                      "connectTimeout": 10
                    }
                  },
                  {
                    "service": "http_status:404"
                  }
                ],
                "warp-routing": {
                  "enabled": false
                }
              }
            }
            JSON

            Not written (%s is unchanged):
              - the tunnel is managed remotely (dashboard or API): its config file is never written
            """.formatted(api.baseUrl(), FakeCloudflareApi.ACCOUNT, TUNNEL, appPort, file));
      }
    }
  }

  private long backups() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".bak")).count();
    }
  }

  private static int closedNeighbour(int port) throws IOException {
    for (int candidate : new int[] {port + 1, port - 1, port + 2, port - 2}) {
      try (ServerSocket socket = new ServerSocket(candidate, 1, LoopbackOrigin.LOOPBACK)) {
        return socket.getLocalPort();
      } catch (IOException busy) {
        // try the next one
      }
    }
    throw new IOException("no free port next to " + port);
  }
}
