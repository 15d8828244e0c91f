package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.check.Severity;
import org.assertj.core.api.AbstractObjectAssert;
import org.jspecify.annotations.Nullable;

/** Assertions on one {@link Finding}. Obtain through {@link TunnelAssertions#assertThat(Finding)}. */
public class FindingAssert extends AbstractObjectAssert<FindingAssert, @Nullable Finding> {

  public FindingAssert(@Nullable Finding actual) {
    super(actual, FindingAssert.class);
  }

  /** The finding has this stable code. */
  public FindingAssert hasCode(String code) {
    Finding finding = present();
    if (finding != null && !finding.code().equals(code)) {
      failWithActualExpectedAndMessage(finding.code(), code,
          "%nExpecting finding code%n  %s%nbut was%n  %s%nfinding:%n%s", code, finding.code(), FindingDescription.of(finding));
    }
    return myself;
  }

  /** The finding has this severity. */
  public FindingAssert hasSeverity(Severity severity) {
    Finding finding = present();
    if (finding != null && finding.severity() != severity) {
      failWithActualExpectedAndMessage(finding.severity(), severity,
          "%nExpecting severity%n  %s%nbut was%n  %s%nfinding:%n%s", severity, finding.severity(), FindingDescription.of(finding));
    }
    return myself;
  }

  /** The finding's evidence maps {@code key} to exactly {@code value}. */
  public FindingAssert hasEvidence(String key, String value) {
    Finding finding = present();
    if (finding != null && !value.equals(finding.evidence().get(key))) {
      failWithMessage("%nExpecting evidence%n  %s = %s%nbut %s%nfinding:%n%s", key, value,
          finding.evidence().containsKey(key) ? "it was " + finding.evidence().get(key) : "there is no such key",
          FindingDescription.of(finding));
    }
    return myself;
  }

  /** The finding's evidence has {@code key}. */
  public FindingAssert hasEvidenceKey(String key) {
    Finding finding = present();
    if (finding != null && !finding.evidence().containsKey(key)) {
      failWithMessage("%nExpecting evidence key%n  %s%nbut there is none%nfinding:%n%s", key, FindingDescription.of(finding));
    }
    return myself;
  }

  /** The finding's message contains {@code text}. */
  public FindingAssert hasMessageContaining(String text) {
    Finding finding = present();
    if (finding != null && !finding.message().contains(text)) {
      failWithMessage("%nExpecting message to contain%n  %s%nbut was%n  %s", text, finding.message());
    }
    return myself;
  }

  /** The finding's remediation contains {@code text}. */
  public FindingAssert hasRemediationContaining(String text) {
    Finding finding = present();
    if (finding != null && !finding.remediation().contains(text)) {
      failWithMessage("%nExpecting remediation to contain%n  %s%nbut was%n  %s", text, finding.remediation());
    }
    return myself;
  }

  /** The finding carries exactly this remedy (among its remedies). */
  public FindingAssert hasRemedy(Remedy expected) {
    Finding finding = present();
    if (finding != null && !finding.remedies().contains(expected)) {
      failWithMessage("%nExpecting the finding to carry the remedy%n  %s (%s)%nbut its remedies were%n%s%nfinding:%n%s",
          expected.describe(), expected.kind(), remedies(finding), FindingDescription.of(finding));
    }
    return myself;
  }

  /** The finding carries a remedy that changes the config file (not only a manual step). */
  public FindingAssert hasConfigRemedy() {
    Finding finding = present();
    if (finding != null && finding.configRemedies().isEmpty()) {
      failWithMessage("%nExpecting the finding to carry a config change%nbut its remedies were%n%s%nfinding:%n%s",
          remedies(finding), FindingDescription.of(finding));
    }
    return myself;
  }

  /**
   * The finding carries no remedy that changes the config file: only what a person must do. Use it to
   * prove a fix is not offered where it would be unsafe (e.g. a port that belongs to another app).
   */
  public FindingAssert hasNoConfigRemedy() {
    Finding finding = present();
    if (finding != null && !finding.configRemedies().isEmpty()) {
      failWithMessage("%nExpecting the finding to carry no config change%nbut it carries%n%s%nfinding:%n%s",
          remedies(finding), FindingDescription.of(finding));
    }
    return myself;
  }

  private static String remedies(Finding finding) {
    if (finding.remedies().isEmpty()) {
      return "  (none)";
    }
    StringBuilder out = new StringBuilder();
    for (Remedy remedy : finding.remedies()) {
      out.append(out.length() == 0 ? "" : "\n").append("  ").append(remedy.kind()).append(": ").append(remedy.describe());
    }
    return out.toString();
  }

  private @Nullable Finding present() {
    isNotNull();
    return actual; // null only in soft mode, after isNotNull() recorded the failure
  }
}
