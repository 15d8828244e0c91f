package io.github.tunneldiagnostics.core.internal.seat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.vantage.ConnectorVantage;
import io.github.tunneldiagnostics.core.internal.vantage.ContainerRoot;
import io.github.tunneldiagnostics.core.internal.vantage.FdUsage;
import io.github.tunneldiagnostics.core.internal.vantage.NetworkView;
import io.github.tunneldiagnostics.core.internal.vantage.Placement;
import io.github.tunneldiagnostics.core.internal.vantage.ProxyEnvironment;
import io.github.tunneldiagnostics.core.internal.vantage.ResolvConf;
import io.github.tunneldiagnostics.core.internal.vantage.ServiceUnits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service units, an absent connector on its evident host, and the open-file limit, from fixtures. */
class HostConnectorsTest {
  @TempDir Path temp;

  @Test
  void findsTheUnitsThatStartCloudflaredAndTheirConfig() throws Exception {
    Path etc = Files.createDirectories(temp.resolve("etc"));
    Path lib = Files.createDirectories(temp.resolve("lib"));
    Files.writeString(etc.resolve("cloudflared.service"), "[Unit]\nDescription=cloudflared\n[Service]\nType=notify\n"
        + "ExecStart=/usr/bin/cloudflared --no-autoupdate \\\n  --config /etc/cloudflared/config.yml tunnel run\nRestart=on-failure\n");
    Files.writeString(lib.resolve("cloudflared.service"), "[Service]\nExecStart=/usr/bin/cloudflared --config=/lib/other.yml tunnel run\n");
    Files.writeString(lib.resolve("cloudflared-token.service"), "[Service]\nExecStart=-/usr/local/bin/cloudflared tunnel run --token eyJhIjoi\n");
    Files.writeString(lib.resolve("nginx.service"), "[Service]\nExecStart=/usr/sbin/nginx -c /etc/nginx/nginx.conf\n");

    List<ServiceUnits.Unit> units = ServiceUnits.find(List.of(etc, lib));

    assertThat(units).containsExactly(
        new ServiceUnits.Unit("cloudflared.service", etc.resolve("cloudflared.service"), "/etc/cloudflared/config.yml", false),
        new ServiceUnits.Unit("cloudflared-token.service", lib.resolve("cloudflared-token.service"), null, true));
  }

  @Test
  void noConnectorOnItsEvidentHostIsAnError() throws Exception {
    Path config = temp.resolve("config.yml");
    Files.writeString(config, "ingress:\n  - service: http_status:404\n");
    Finding info = Finding.info(FindingCode.CONNECTOR_NOT_FOUND).check("connector").subject("localhost:20241, localhost:20242")
        .message("No cloudflared metrics server answers.").evidence("source", "metrics").build();
    List<ServiceUnits.Unit> units = List.of(new ServiceUnits.Unit("cloudflared.service", Path.of("/etc/systemd/system/cloudflared.service"), null, false));

    Finding error = HostConnectors.absentOnItsHost(info, ConfigLoader.load(config), units).orElseThrow();

    assertThat(error.severity()).isEqualTo(Severity.ERROR);
    assertThat(error.message()).isEqualTo("No cloudflared runs on this host, though it is the connector's host (the service unit cloudflared.service "
        + "(/etc/systemd/system/cloudflared.service) starts cloudflared), and no metrics server answers on localhost:20241, localhost:20242: "
        + "visitors get 530 / error 1033 unless another host runs the tunnel.");
    assertThat(error.remediation()).isEqualTo("Start the connector: sudo systemctl start cloudflared.service (and systemctl enable it so it survives "
        + "a reboot); then check its log.");
    assertThat(HostConnectors.absentOnItsHost(info, ConfigLoader.load(config), List.of())).isEmpty(); // off the connector's host: stays INFO
  }

  @Test
  void anOpenFileLimitNearlySpentIsReported() {
    ConnectorVantage v = new ConnectorVantage(42, Placement.HOST_PROCESS, null, null, new ContainerRoot(temp), temp, null, ResolvConf.MISSING, false,
        NetworkView.parse(null, null), ProxyEnvironment.NONE, null, null);

    assertThat(SeatFindings.fdExhausted(v, new FdUsage(700, OptionalLong.of(1024)))).isNull();
    Finding warning = SeatFindings.fdExhausted(v, new FdUsage(830, OptionalLong.of(1024)));
    assertThat(warning.severity()).isEqualTo(Severity.WARNING);
    Finding error = SeatFindings.fdExhausted(v, new FdUsage(1000, OptionalLong.of(1024)));
    assertThat(error.severity()).isEqualTo(Severity.ERROR);
    assertThat(error.message()).isEqualTo("cloudflared (pid 42) has 1000 files open of its limit of 1024 (98 %): new origin connections fail with "
        + "\"socket: too many open files\" (502).");
    assertThat(error.evidence()).containsEntry("openFiles", "1000").containsEntry("softLimit", "1024");
    assertThat(SeatFindings.fdExhausted(v, new FdUsage(100_000, OptionalLong.empty()))).isNull();
  }
}
