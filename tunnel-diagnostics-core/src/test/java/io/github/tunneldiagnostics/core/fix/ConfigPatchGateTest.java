package io.github.tunneldiagnostics.core.fix;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.check.Resolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The write gate on real files and real loopback origins: validates, the new target answers, the file is unchanged. */
class ConfigPatchGateTest {
  private static final Resolver NOTHING = host -> {
    throw new UnknownHostException(host + ": this test resolves nothing");
  };
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:15:30Z"), ZoneOffset.UTC);

  @RegisterExtension
  static WireMockExtension app = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  @TempDir Path dir;
  Path config;
  String original;
  int closed;

  @BeforeEach
  void writeConfig() throws IOException {
    app.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("hello")));
    closed = closedPort();
    original = """
        # the app moved to another port
        ingress:
          - hostname: app.example.test
            service: http://127.0.0.1:%d   # was right once
          - service: http_status:404
        """.formatted(closed);
    config = dir.resolve("config.yml");
    Files.writeString(config, original);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private ConfigPatch patchTo(int port) throws IOException {
    return ConfigPatch.read(config, List.of(new Remedy.SetService(0, "http://127.0.0.1:" + closed, "http://127.0.0.1:" + port, "moved")));
  }

  private static TargetVerifier probing() {
    return TargetVerifier.probing(NOTHING, Duration.ofSeconds(5));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    }
  }

  @Test
  void writesAtomicallyKeepingModeAndABackupWhenTheNewTargetAnswers() throws IOException {
    ConfigPatch patch = patchTo(app.getPort());

    WriteResult result = patch.applyTo(config, probing(), CLOCK);

    Path backup = dir.resolve("config.yml.20261130T101530Z.bak");
    assertThat(result).isEqualTo(new WriteResult(WriteResult.Status.WRITTEN, config, backup, List.of(), patch.applied()));
    assertThat(Files.readString(config)).isEqualTo(original.replace(":" + closed, ":" + app.getPort()));
    assertThat(Files.readString(backup)).isEqualTo(original);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-r-----");
    assertThat(Files.getOwner(config)).isEqualTo(Files.getOwner(backup));
    assertThat(files()).as("no temporary file is left").containsExactly(config, backup);
  }

  @Test
  void aSymbolicLinkStaysALinkAndItsTargetIsWritten() throws IOException {
    Path link = dir.resolve("link.yml");
    Files.createSymbolicLink(link, config.getFileName());
    ConfigPatch patch = ConfigPatch.read(link, List.of(new Remedy.SetService(0, "http://127.0.0.1:" + closed, "http://127.0.0.1:" + app.getPort(), "moved")));

    assertThat(patch.write(probing()).written()).isTrue();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(config)).contains("http://127.0.0.1:" + app.getPort());
  }

  @Test
  void refusesWhenTheNewTargetDoesNotAnswer() throws IOException {
    int alsoClosed = closedPort();
    ConfigPatch patch = patchTo(alsoClosed);

    WriteResult result = patch.applyTo(config, probing(), CLOCK);

    assertThat(result.status()).isEqualTo(WriteResult.Status.REFUSED);
    assertThat(result.reasons()).singleElement().asString()
        .startsWith("rule #0's new target http://127.0.0.1:" + alsoClosed + " does not answer: ORIGIN_CONNECTION_REFUSED: ");
    assertThat(Files.readString(config)).isEqualTo(original);
    assertThat(files()).containsExactly(config);
  }

  @Test
  void refusesWhenTheFileChangedBeforeTheWrite() throws IOException {
    ConfigPatch patch = patchTo(app.getPort());
    Files.writeString(config, original + "# edited by someone else\n");

    WriteResult result = patch.applyTo(config, probing(), CLOCK);

    assertThat(result).isEqualTo(new WriteResult(WriteResult.Status.REFUSED, config, null,
        List.of(config + " changed since it was read; run fix again to patch what it holds now"), List.of()));
    assertThat(Files.readString(config)).isEqualTo(original + "# edited by someone else\n");
  }

  @Test
  void refusesWhenTheFileChangesWhileTheTargetsAreProbed() throws IOException {
    ConfigPatch patch = patchTo(app.getPort());
    TargetVerifier editsMeanwhile = (model, rules) -> {
      try {
        Files.writeString(config, "# rewritten during the probe\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return List.of();
    };

    WriteResult result = patch.applyTo(config, editsMeanwhile, CLOCK);

    assertThat(result.reasons()).containsExactly(config + " changed since it was read; run fix again to patch what it holds now");
    assertThat(Files.readString(config)).isEqualTo("# rewritten during the probe\n");
    assertThat(files()).containsExactly(config);
  }

  @Test
  void refusesAPatchThatWouldNotValidate() throws IOException {
    ConfigPatch patch = ConfigPatch.read(config, List.of(new Remedy.MoveRule(1, 0, "the catch-all first")));

    WriteResult result = patch.applyTo(config, (model, rules) -> List.of(), CLOCK);

    assertThat(result.status()).isEqualTo(WriteResult.Status.REFUSED);
    assertThat(result.reasons()).singleElement().asString().startsWith("the patched config would not validate: ");
    assertThat(Files.readString(config)).isEqualTo(original);
  }

  @Test
  void nothingToWriteWhenNoRemedyChangesTheFile() throws IOException {
    ConfigPatch patch = ConfigPatch.read(config, List.of(new Remedy.Manual("Start the app.", "The app is down.")));

    assertThat(patch.diff()).isEmpty();
    assertThat(patch.applyTo(config, probing(), CLOCK).status()).isEqualTo(WriteResult.Status.NOTHING_TO_WRITE);
  }
}
