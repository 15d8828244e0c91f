package io.github.tunneldiagnostics.core.internal.connector;

import io.github.tunneldiagnostics.core.ConnectorOptions;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectorCheckTest {

  @RegisterExtension
  static WireMockExtension connector =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  @Test
  void comparesTheDiagnosedFileModelWithTheRunningConfig() throws Exception {
    // given: the diagnosed model comes from a file; the connector runs an older one
    String address = "127.0.0.1:" + connector.getPort();
    connector.stubFor(get("/ready").willReturn(aResponse().withStatus(200).withBody(ConnectorInspectorTest.fixture("ready-4.json"))));
    connector.stubFor(get("/config").willReturn(aResponse().withStatus(200).withBody(ConnectorInspectorTest.fixture("config-drift.json"))));
    ConnectorCheck check =
        new ConnectorCheck(
            ConnectorOptions.builder().metricsAddress(address).procRoot(null).connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(10)).build());

    // when
    List<Finding> findings =
        check.run(new FixedCheckContext(ConnectorInspectorTest.fileModel(), Instant.now().plusSeconds(30)));

    // then
    assertThat(check.id()).isEqualTo("connector");
    assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.CONNECTOR_CONFIG_DRIFT);
    assertThat(findings.get(0).evidence()).containsEntry("differences", "2");
  }

  @Test
  void stopsAtTheContextDeadline() throws Exception {
    // given: a deadline already passed
    ConnectorCheck check =
        new ConnectorCheck(ConnectorOptions.builder().metricsAddress("127.0.0.1:" + connector.getPort()).procRoot(null).build());

    // when
    List<Finding> findings = check.run(new FixedCheckContext(ConnectorInspectorTest.fileModel(), Instant.EPOCH));

    // then
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.CONNECTOR_NOT_FOUND);
      assertThat(f.evidence().get("tried.127.0.0.1:" + connector.getPort())).startsWith("no answer in time (no time left before the deadline");
    });
  }
}
