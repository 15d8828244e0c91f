package io.github.tunneldiagnostics.api.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A finding is rebuilt with {@link Finding#toBuilder()}, never through its constructor's long argument list. */
class FindingTest {

  private static final Finding REFUSED = Finding.error(FindingCode.ORIGIN_CONNECTION_REFUSED)
      .check("origin.tcp")
      .subject("rule #0 http://127.0.0.1:8080")
      .message("Connecting to 127.0.0.1:8080 failed: connection refused.")
      .remediation("Start the app on 127.0.0.1:8080.")
      .rule(0)
      .evidence("attempts", "127.0.0.1:8080 refused after 1 ms")
      .remedy(new Remedy.Manual("start the app", "nothing listens"))
      .build();

  @Test
  void toBuilderRebuildsAnEqualFinding() {
    // given / when
    Finding rebuilt = REFUSED.toBuilder().build();

    // then
    assertThat(rebuilt).isEqualTo(REFUSED);
  }

  @Test
  void toBuilderChangesOnlyWhatIsSet() {
    // given / when
    Finding graded = REFUSED.toBuilder().severity(Severity.WARNING).evidence("attempts", "none").evidence("goDial", "IPv4 only").build();

    // then
    assertThat(graded).isEqualTo(new Finding(FindingCode.ORIGIN_CONNECTION_REFUSED, Severity.WARNING, "origin.tcp",
        "rule #0 http://127.0.0.1:8080", "Connecting to 127.0.0.1:8080 failed: connection refused.", "Start the app on 127.0.0.1:8080.",
        Map.of("rule", "0", "attempts", "none", "goDial", "IPv4 only"), List.of(new Remedy.Manual("start the app", "nothing listens"))));
    assertThat(graded.evidence().keySet()).containsExactly("rule", "attempts", "goDial");
  }

  @Test
  void aFindingBuiltWithoutACheckIdLeavesItEmptyForThePipelineToStamp() {
    // given / when
    Finding unstamped = Finding.warning(FindingCode.ORIGIN_CONNECTION_REFUSED).subject("s").message("m").build();

    // then
    assertThat(unstamped.check()).isEmpty();
  }
}
