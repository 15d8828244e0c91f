package io.github.tunneldiagnostics.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.core.ConnectorOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** --format sarif, junit and html from the command line, the HTML page looked at in a real browser. */
class ReportFormatsTest {
  private static final int BROKEN_RED = 0xcf222e;
  private static final int OK_GREEN = 0x1a7f37;

  @TempDir Path dir;

  private ConnectorOptions noConnector;

  @BeforeEach
  void noConnectorOnThisMachine() throws IOException {
    noConnector = LoopbackOrigin.noConnectorHere();
  }

  /** A config with a healthy origin (rule #0) and one whose port nothing listens on (rule #1). */
  private Path config(LoopbackOrigin app, int closedPort) throws IOException {
    Path file = dir.resolve("config.yml");
    Files.writeString(file, """
        ingress:
          - hostname: app.test.example
            service: http://%s
          - hostname: api.test.example
            service: http://127.0.0.1:%d
          - service: http_status:404
        """.formatted(app.address(), closedPort));
    return file;
  }

  private DoctorRun diagnose(String... args) {
    return LoopbackOrigin.run(LoopbackOrigin.context(noConnector, Optional::empty), args);
  }

  @Test
  void junitHasOneTestCasePerRouteAndPerCheckAndTheBrokenRouteFails() throws Exception {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      // given
      int closed = LoopbackOrigin.closedPort();
      Path config = config(app, closed);

      // when
      DoctorRun run = diagnose("diagnose", "--config", config.toString(), "--format", "junit");

      // then
      assertThat(run.exitCode()).isEqualTo(1);
      Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
      List<String> cases = new ArrayList<>();
      NodeList testcases = xml.getElementsByTagName("testcase");
      for (int i = 0; i < testcases.getLength(); i++) {
        Element testcase = (Element) testcases.item(i);
        NodeList failures = testcase.getElementsByTagName("failure");
        cases.add(testcase.getAttribute("classname") + " | " + testcase.getAttribute("name") + " | "
            + (failures.getLength() == 0 ? "passed" : ((Element) failures.item(0)).getAttribute("type")));
      }
      assertThat(cases).containsExactly(
          "tunnel-doctor.routes | rule #0 -> rule #0 http://" + app.address() + " | passed",
          "tunnel-doctor.routes | rule #1 -> rule #1 http://127.0.0.1:" + closed + " | ORIGIN_CONNECTION_REFUSED",
          "tunnel-doctor.routes | rule #2 -> rule #2 http_status:404 | passed",
          "tunnel-doctor.checks | config | passed",
          "tunnel-doctor.checks | ingress | passed",
          "tunnel-doctor.checks | ingress.route | passed",
          "tunnel-doctor.checks | origin | ORIGIN_CONNECTION_REFUSED",
          "tunnel-doctor.checks | connector | passed");
      assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("2");
    }
  }

  @Test
  void sarifPointsTheFindingAtItsRuleInTheConfig() throws Exception {
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      // given
      Path config = config(app, LoopbackOrigin.closedPort());
      Path output = dir.resolve("report.sarif");

      // when
      DoctorRun run = diagnose("--config", config.toString(), "--format", "sarif", "--output", output.toString());

      // then: rule #1 starts on line 4, column 5
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      String sarif = Files.readString(output);
      assertThat(sarif).startsWith("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n");
      String refused = sarif.substring(sarif.indexOf("\"ruleId\": \"ORIGIN_CONNECTION_REFUSED\""));
      assertThat(refused.substring(0, refused.indexOf("\"partialFingerprints\"")).replaceAll("\\s+", " "))
          .contains("\"uri\": \"" + config.toUri() + "\" }, \"region\": { \"startLine\": 4, \"startColumn\": 5 }");
    }
  }

  @Test
  void matchRefusesSarifBeforeReadingAnything() {
    // when
    DoctorRun run = diagnose("match", "--config", dir.resolve("missing.yml").toString(), "--format", "sarif", "https://a.example/");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("tunnel-doctor: --format sarif describes findings; 'match' prints text, json, markdown, junit or html\n");
  }

  @Test
  void htmlPageShowsTheVerdictAndEachRoutesChainInARealBrowser() throws Exception {
    HeadlessChromium browser = HeadlessChromium.require(dir);
    try (LoopbackOrigin app = new LoopbackOrigin(200, "text/plain", "hello")) {
      // given
      int closed = LoopbackOrigin.closedPort();
      Path page = dir.resolve("report.html");
      DoctorRun run = diagnose("--config", config(app, closed).toString(), "--format", "html", "--output", page.toString());
      assertThat(run.exitCode()).isEqualTo(1);

      // when
      HeadlessChromium.Rendered rendered = browser.render(page, 1000, 900);
      String dom = rendered.dom();
      BufferedImage screenshot = ImageIO.read(rendered.screenshot().toFile());

      // then: the browser parsed the verdict and drew one picture per route, each link with its state
      assertThat(dom).contains("<h1>Tunnel diagnosis: <span class=\"word\">BROKEN</span></h1>");
      assertThat(dom.split("<svg class=\"chain\"", -1)).hasSize(4);
      assertThat(dom).contains("<text class=\"label\" x=\"94\" y=\"129\">http://" + app.address() + " — ok</text>")
          .contains("<text class=\"label\" x=\"94\" y=\"121\">http://127.0.0.1:" + closed + " — broken</text>");
      assertThat(pixels(screenshot, BROKEN_RED)).as("red of the verdict banner and the broken links").isGreaterThan(20_000);
      assertThat(pixels(screenshot, OK_GREEN)).as("green of the links that work").isGreaterThan(500);
    }
  }

  private static int pixels(BufferedImage image, int rgb) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int pixel = image.getRGB(x, y) & 0xffffff;
        if (Math.abs(((pixel >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 12 && Math.abs(((pixel >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 12
            && Math.abs((pixel & 0xff) - (rgb & 0xff)) < 12) {
          count++;
        }
      }
    }
    return count;
  }
}
