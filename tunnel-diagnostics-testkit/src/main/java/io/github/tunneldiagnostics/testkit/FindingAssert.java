package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.check.Finding;
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

  private @Nullable Finding present() {
    isNotNull();
    return actual; // null only in soft mode, after isNotNull() recorded the failure
  }
}
