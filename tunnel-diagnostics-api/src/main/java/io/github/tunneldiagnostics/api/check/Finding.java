package io.github.tunneldiagnostics.api.check;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One conclusion about one link of the chain, with evidence and a fix.
 *
 * @param code stable public identifier in UPPER_SNAKE_CASE (see {@link FindingCode})
 * @param severity how bad it is
 * @param check the stable id of the check that produced it, e.g. {@code ingress} or {@code origin.tcp};
 *     empty in a finding a check built without {@link Builder#check(String)}: the pipeline then stamps the
 *     id of the check that returned it
 * @param subject what it is about: a URL, {@code rule #2}, a file with line and column, an address
 * @param message one sentence naming the concrete values
 * @param remediation the concrete change to make; empty when there is nothing to change
 * @param evidence what was measured, in insertion order; values under secret-looking keys are redacted
 * @param remedies the fix as data, when a config change (or a named manual step) fixes the cause; empty
 *     for findings without one, e.g. those of custom checks that set none
 *
 * <p>No secret survives construction: subject, message, remediation and every evidence value pass through
 * the redaction policy (tokens, Authorization values, secret-named keys, URL user info, PEM bodies).
 */
public record Finding(
    String code,
    Severity severity,
    String check,
    String subject,
    String message,
    String remediation,
    Map<String, String> evidence,
    List<Remedy> remedies) {

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(token|secret|password|passwd|credentials-contents|authorization|cookie|api[-_]?key).*");

  /** The value that replaces a secret in evidence. */
  public static final String REDACTED = "****";

  /** Evidence key holding the 0-based index of the ingress rule a finding is about. */
  public static final String RULE_KEY = "rule";

  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(remediation, "remediation");
    Objects.requireNonNull(evidence, "evidence");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("'code' must be UPPER_SNAKE_CASE but was '" + code + "'");
    }
    if (!check.isEmpty() && check.isBlank()) {
      throw new IllegalArgumentException("'check' must not be blank");
    }
    subject = Redaction.redact(subject);
    message = Redaction.redact(message);
    remediation = Redaction.redact(remediation);
    LinkedHashMap<String, String> copy = new LinkedHashMap<>();
    // a key is redacted too: a custom check may name evidence after what it saw (a header line, a URL)
    evidence.forEach((k, v) -> copy.put(Redaction.redact(Objects.requireNonNull(k, "evidence key")), redact(k, Objects.requireNonNull(v, "evidence value"))));
    evidence = Collections.unmodifiableMap(copy);
    remedies = List.copyOf(remedies);
  }

  private static String redact(String key, String value) {
    return SECRET_KEY.matcher(key).matches() ? REDACTED : Redaction.redact(value);
  }

  /** Starts a finding with the given code and severity. */
  public static Builder builder(String code, Severity severity) {
    return new Builder(code, severity);
  }

  /** Starts an ERROR finding. */
  public static Builder error(String code) {
    return new Builder(code, Severity.ERROR);
  }

  /** Starts a WARNING finding. */
  public static Builder warning(String code) {
    return new Builder(code, Severity.WARNING);
  }

  /** Starts an INFO finding. */
  public static Builder info(String code) {
    return new Builder(code, Severity.INFO);
  }

  /** The 0-based ingress rule index this finding is about, taken from evidence {@value #RULE_KEY}. */
  public OptionalInt ruleIndex() {
    String value = evidence.get(RULE_KEY);
    if (value == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** A copy of this finding without evidence, for exposure on public endpoints. */
  public Finding withoutEvidence() {
    return new Finding(code, severity, check, subject, message, remediation, Map.of(), remedies);
  }

  /** A copy with these remedies instead of this finding's. */
  public Finding withRemedies(List<Remedy> newRemedies) {
    return new Finding(code, severity, check, subject, message, remediation, evidence, newRemedies);
  }

  /** The remedies that edit the config file (not the {@link Remedy.Manual} ones). */
  public List<Remedy> configRemedies() {
    return remedies.stream().filter(Remedy::changesConfig).toList();
  }

  /** A builder holding this finding's values, e.g. to change its severity or add evidence. */
  public Builder toBuilder() {
    Builder builder = new Builder(code, severity).subject(subject).message(message).remediation(remediation).evidence(evidence);
    builder.check = check;
    builder.remedies.addAll(remedies);
    return builder;
  }

  /** Builds a {@link Finding}. Not thread-safe; each {@link #build()} returns an independent value. */
  public static final class Builder {
    private final String code;
    private Severity severity;
    private String check = "";
    private String subject = "";
    private String message = "";
    private String remediation = "";
    private final LinkedHashMap<String, String> evidence = new LinkedHashMap<>();
    private final List<Remedy> remedies = new ArrayList<>();

    private Builder(String code, Severity severity) {
      this.code = Objects.requireNonNull(code, "code");
      this.severity = Objects.requireNonNull(severity, "severity");
    }

    /** Replaces the severity, e.g. to grade a finding down where its cause cannot matter. */
    public Builder severity(Severity severity) {
      this.severity = Objects.requireNonNull(severity, "severity");
      return this;
    }

    /**
     * The id of the check that produced the finding. Optional inside a {@link Check}: the pipeline stamps
     * the id of the check that returned a finding without one.
     */
    public Builder check(String check) {
      this.check = Objects.requireNonNull(check, "check");
      return this;
    }

    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    public Builder message(String message) {
      this.message = Objects.requireNonNull(message, "message");
      return this;
    }

    public Builder remediation(String remediation) {
      this.remediation = Objects.requireNonNull(remediation, "remediation");
      return this;
    }

    /** Adds one evidence entry; a later value for the same key replaces the earlier one. */
    public Builder evidence(String key, @Nullable Object value) {
      evidence.put(Objects.requireNonNull(key, "key"), String.valueOf(value));
      return this;
    }

    /** Adds all entries, in the map's iteration order. */
    public Builder evidence(Map<String, String> entries) {
      entries.forEach(this::evidence);
      return this;
    }

    /** Adds a remedy: the fix as data (see {@link Remedy}). */
    public Builder remedy(Remedy remedy) {
      remedies.add(Objects.requireNonNull(remedy, "remedy"));
      return this;
    }

    /** Records the 0-based rule index this finding is about (evidence key {@value Finding#RULE_KEY}). */
    public Builder rule(int index) {
      return evidence(RULE_KEY, Integer.toString(index));
    }

    /** Builds the finding; the builder can be reused. */
    public Finding build() {
      return new Finding(code, severity, check, subject, message, remediation, evidence, remedies);
    }
  }
}
