package io.github.tunneldiagnostics.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.check.Remedy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every remedy kind on configs with comments and odd formatting: the patched text is asserted whole, and
 * line by line every line outside the intended change is the original's, byte for byte.
 */
class ConfigPatchFormattingTest {
  static final String ODD = """
      # my tunnel: comments, quoting, flow style and odd indentation must survive
      tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef

      ingress:
        # the app
        - hostname: "app.example.com"   # quoted, with a trailing comment
          service: 'http://localhost:8081'
        - {hostname: api.example.com, service: http://127.0.0.1:9000}

        # wildcard, indented by four
        -   hostname: "*.example.com"
            service: http://localhost:8080
            originRequest:
                noTlsVerify: true
                connectTimeout: 10s
        - hostname: www.example.com
          service: http://localhost:8082
        - service: http_status:404
      """;

  static ConfigPatch patch(String yaml, Remedy... remedies) {
    return ConfigPatch.of(yaml.getBytes(StandardCharsets.UTF_8), Path.of("config.yml"), List.of(remedies));
  }

  /** The patched text is the original with exactly {@code removed} lines replaced by {@code added} at line {@code at} (1-based). */
  static void assertOnlyChanged(ConfigPatch patch, int at, List<String> removed, List<String> added) {
    List<String> before = lines(patch.original());
    List<String> after = lines(patch.patched());
    List<String> expected = new ArrayList<>(before.subList(0, at - 1));
    assertThat(before.subList(at - 1, at - 1 + removed.size())).as("the lines the change replaces").isEqualTo(removed);
    expected.addAll(added);
    expected.addAll(before.subList(at - 1 + removed.size(), before.size()));
    assertThat(after).as("every other line, byte for byte").isEqualTo(expected);
  }

  /** Lines with their line breaks, so CRLF and a missing last newline count. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end + 1;
      lines.add(text.substring(start, end));
      start = end;
    }
    return lines;
  }

  @Test
  void setServiceKeepsSingleQuotesAndTheCommentsAround() {
    ConfigPatch patch = patch(ODD, new Remedy.SetService(0, "http://localhost:8081", "http://localhost:8083", "the app listens on 8083"));

    assertOnlyChanged(patch, 7, List.of("    service: 'http://localhost:8081'\n"), List.of("    service: 'http://localhost:8083'\n"));
    assertThat(patch.refused()).isEmpty();
    assertThat(patch.changedRules()).containsExactly(0);
    assertThat(patch.diff()).isEqualTo("""
        --- a/config.yml
        +++ b/config.yml
        @@ -4,7 +4,7 @@
         ingress:
           # the app
           - hostname: "app.example.com"   # quoted, with a trailing comment
        -    service: 'http://localhost:8081'
        +    service: 'http://localhost:8083'
           - {hostname: api.example.com, service: http://127.0.0.1:9000}
        \s
           # wildcard, indented by four
        """);
  }

  @Test
  void setServiceInAFlowMappingQuotesAnIpv6Literal() {
    ConfigPatch patch = patch(ODD, new Remedy.SetService(1, "http://127.0.0.1:9000", "http://[::1]:9000", "bound to [::1] only"));

    assertOnlyChanged(patch, 8, List.of("  - {hostname: api.example.com, service: http://127.0.0.1:9000}\n"),
        List.of("  - {hostname: api.example.com, service: \"http://[::1]:9000\"}\n"));
  }

  @Test
  void setOriginRequestAddsABlockWithTheFilesIndentStep() {
    ConfigPatch patch = patch(ODD, new Remedy.SetOriginRequest(0, "originServerName", null, "app.example.com", "SNI"));

    assertOnlyChanged(patch, 8, List.of(), List.of("    originRequest:\n", "        originServerName: app.example.com\n"));
  }

  @Test
  void setOriginRequestAddsToAFlowRule() {
    ConfigPatch patch = patch(ODD, new Remedy.SetOriginRequest(1, "originServerName", null, "api.example.com", "SNI"));

    assertOnlyChanged(patch, 8, List.of("  - {hostname: api.example.com, service: http://127.0.0.1:9000}\n"),
        List.of("  - {hostname: api.example.com, service: http://127.0.0.1:9000, originRequest: {originServerName: api.example.com}}\n"));
  }

  @Test
  void setOriginRequestAddsAFieldAfterTheLastOne() {
    ConfigPatch patch = patch(ODD, new Remedy.SetOriginRequest(2, "tlsTimeout", null, "5s", "slow handshake"));

    assertOnlyChanged(patch, 16, List.of(), List.of("          tlsTimeout: 5s\n"));
    assertThat(patch.changedRules()).as("a timeout leaves the target as it was").isEmpty();
  }

  @Test
  void aBareNumberDurationBecomesAGoDurationInAFileCloudflaredRefuses() {
    String yaml = "ingress:\n- hostname: a.example.com\n  service: http://localhost:1\n  originRequest:\n    connectTimeout: 30\n- service: http_status:404";
    ConfigPatch patch = patch(yaml, new Remedy.SetOriginRequest(0, "connectTimeout", "30", "30s", "Go duration"));

    assertThat(patch.problem()).isEmpty();
    assertThat(patch.patched())
        .isEqualTo("ingress:\n- hostname: a.example.com\n  service: http://localhost:1\n  originRequest:\n    connectTimeout: 30s\n- service: http_status:404");
    assertThat(patch.diff()).endsWith("-    connectTimeout: 30\n+    connectTimeout: 30s\n - service: http_status:404\n\\ No newline at end of file\n");
  }

  @Test
  void renameKeyTouchesOnlyTheKey() {
    ConfigPatch patch = patch(ODD, new Remedy.RenameKey(2, "originRequest", "noTlsVerify", "noTLSVerify", "case"));

    assertOnlyChanged(patch, 14, List.of("          noTlsVerify: true\n"), List.of("          noTLSVerify: true\n"));
  }

  @Test
  void moveRuleCarriesItsLinesAndLeavesTheCommentOfTheRuleBelowInPlace() {
    ConfigPatch patch = patch(ODD, new Remedy.MoveRule(3, 2, "shadowed"));

    assertThat(patch.patched()).isEqualTo("""
        # my tunnel: comments, quoting, flow style and odd indentation must survive
        tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef

        ingress:
          # the app
          - hostname: "app.example.com"   # quoted, with a trailing comment
            service: 'http://localhost:8081'
          - {hostname: api.example.com, service: http://127.0.0.1:9000}

          - hostname: www.example.com
            service: http://localhost:8082
          # wildcard, indented by four
          -   hostname: "*.example.com"
              service: http://localhost:8080
              originRequest:
                  noTlsVerify: true
                  connectTimeout: 10s
          - service: http_status:404
        """);
    assertThat(patch.changedRules()).isEmpty();
  }

  @Test
  void addRuleCopiesTheWildcardsOriginRequestAtTheNeighboursIndentation() {
    ConfigPatch patch = patch(ODD, new Remedy.AddRule(2, "example.com", "http://localhost:8080", 2, "apex"));

    assertOnlyChanged(patch, 10, List.of(), List.of(
        "  -   hostname: example.com\n",
        "      service: http://localhost:8080\n",
        "      originRequest:\n",
        "          noTlsVerify: true\n",
        "          connectTimeout: 10s\n"));
    assertThat(patch.changedRules()).containsExactly(2);
  }

  @Test
  void crlfStaysCrlfAndAMovedRuleTakesItsNewFieldAlong() {
    String crlf = ODD.replace("\n", "\r\n");
    ConfigPatch patch = patch(crlf, new Remedy.SetOriginRequest(3, "originServerName", null, "www.example.com", "SNI"), new Remedy.MoveRule(3, 2, "x"));

    assertThat(patch.refused()).isEmpty();
    assertThat(patch.patched()).isEqualTo(("""
        # my tunnel: comments, quoting, flow style and odd indentation must survive
        tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef

        ingress:
          # the app
          - hostname: "app.example.com"   # quoted, with a trailing comment
            service: 'http://localhost:8081'
          - {hostname: api.example.com, service: http://127.0.0.1:9000}

          - hostname: www.example.com
            service: http://localhost:8082
            originRequest:
                originServerName: www.example.com
          # wildcard, indented by four
          -   hostname: "*.example.com"
              service: http://localhost:8080
              originRequest:
                  noTlsVerify: true
                  connectTimeout: 10s
          - service: http_status:404
        """).replace("\n", "\r\n"));
    assertThat(patch.changedRules()).containsExactly(2);
  }

  @Test
  void anAliasedOriginRequestIsNeverEditedBecauseOtherRulesShareIt() {
    String yaml = """
        defaults: &defaults
          connectTimeout: 5s
        ingress:
          - hostname: a.example.com
            service: http://localhost:1
            originRequest: *defaults
          - hostname: b.example.com
            service: http://localhost:2
            originRequest: *defaults
          - service: http_status:404
        """;
    Remedy remedy = new Remedy.SetOriginRequest(0, "originServerName", null, "a.example.com", "SNI");
    ConfigPatch patch = patch(yaml, remedy);

    assertThat(patch.changesFile()).isFalse();
    assertThat(patch.refused()).containsExactly(new ConfigPatch.Refusal(remedy,
        "rule #0's originRequest is an anchored or aliased mapping shared with other rules; editing it would change them too"));
  }

  @Test
  void conflictingRemediesAreRefusedWithTheReason() {
    Remedy first = new Remedy.SetService(0, "http://localhost:8081", "http://localhost:8083", "a");
    Remedy second = new Remedy.SetService(0, "http://localhost:8081", "http://localhost:8084", "b");
    ConfigPatch patch = patch(ODD, first, second, first);

    assertThat(patch.applied()).containsExactly(first);
    assertThat(patch.refused()).containsExactly(new ConfigPatch.Refusal(second,
        "rule #0's service can be set to one value only, and change 1 (rule #0: service http://localhost:8081 → http://localhost:8083)"
            + " already sets it to http://localhost:8083"));
  }

  @Test
  void aRemedyForAValueTheFileNoLongerHoldsIsRefused() {
    Remedy stale = new Remedy.SetService(0, "http://localhost:9999", "http://localhost:8083", "a");

    assertThat(patch(ODD, stale).refused())
        .containsExactly(new ConfigPatch.Refusal(stale, "rule #0's service is http://localhost:8081 in the file, not http://localhost:9999"));
  }

  @Test
  void aPatchThatWouldNotValidateIsNotProposed() {
    ConfigPatch patch = patch(ODD, new Remedy.MoveRule(4, 0, "catch-all first"));

    assertThat(patch.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("the patched config would not validate: "));
    assertThat(patch.changesFile()).isFalse();
    assertThat(patch.diff()).isEmpty();
  }

  @Test
  void aByteOrderMarkAndNullItemsAreKeptAndNullItemsAreNotCounted() {
    String yaml = "\uFEFFingress:\n  -\n  - hostname: a.example.com\n    service: http://localhost:1\n  - ~\n  - service: http_status:404\n";
    ConfigPatch patch = patch(yaml, new Remedy.SetService(0, "http://localhost:1", "http://localhost:2", "x"));

    assertThat(patch.patched()).isEqualTo("ingress:\n  -\n  - hostname: a.example.com\n    service: http://localhost:2\n  - ~\n  - service: http_status:404\n");
  }
}
