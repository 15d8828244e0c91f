package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code CONFIG_TEMPLATE_UNEXPANDED}: a rule's hostname, path or service still holds a template placeholder
 * ({@code ${VAR}}, {@code $VAR}, {@code {{ … }}}). cloudflared expands no variables in its config file, so
 * the rule matches (or dials) the literal text. One finding per field kind and placeholder set, naming every
 * rule it affects: one unrendered template is one cause.
 */
final class TemplatePlaceholders {
  /** {@code ${VAR}}, {@code {{ .Values.x }}}, or {@code $VAR} not escaped with a backslash. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{[^}]*}|\\{\\{.*?}}|(?<!\\\\)\\$[A-Za-z_][A-Za-z0-9_]*");

  private TemplatePlaceholders() {}

  /** The placeholders in {@code value}, in order, each once. */
  static Set<String> in(String value) {
    Set<String> found = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(value);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    return found;
  }

  private enum Field {
    HOSTNAME("hostname", "it matches only requests whose host is that literal text, so every real request for the"
        + " hostname falls through to a later rule or the catch-all"),
    PATH("path", "it is searched as that literal regular expression (where $ ends the text), so it does not match the"
        + " paths it was meant for"),
    SERVICE("service", "cloudflared dials that literal text, or refuses it as an address");

    final String key;
    final String effect;

    Field(String key, String effect) {
      this.key = key;
      this.effect = effect;
    }

    String value(IngressRule rule) {
      return switch (this) {
        case HOSTNAME -> rule.hostname();
        case PATH -> rule.path();
        case SERVICE -> rule.rawService();
      };
    }
  }

  static List<Finding> findings(IngressModel model) {
    Map<String, List<IngressRule>> byCause = new LinkedHashMap<>();
    Map<String, Field> fields = new LinkedHashMap<>();
    Map<String, Set<String>> placeholders = new LinkedHashMap<>();
    for (IngressRule rule : model.rules()) {
      for (Field field : Field.values()) {
        Set<String> found = in(field.value(rule));
        if (found.isEmpty()) {
          continue;
        }
        String cause = field.key + " " + String.join(" ", found);
        byCause.computeIfAbsent(cause, k -> new ArrayList<>()).add(rule);
        fields.put(cause, field);
        placeholders.put(cause, found);
      }
    }
    List<Finding> findings = new ArrayList<>();
    byCause.forEach((cause, rules) ->
        findings.add(finding(Objects.requireNonNull(fields.get(cause)), placeholders.getOrDefault(cause, Set.of()), rules)));
    return findings;
  }

  private static Finding finding(Field field, Set<String> placeholders, List<IngressRule> rules) {
    IngressRule first = rules.get(0);
    String names = String.join(", ", placeholders);
    String which = rules.size() == 1
        ? first.label() + ": " + field.key + " " + field.value(first)
        : rules.size() + " rules (" + rules.stream().map(r -> field.key + " " + field.value(r) + " of rule #" + r.index())
            .collect(Collectors.joining(", ")) + ")";
    String ruleList = rules.stream().map(r -> "#" + r.index()).collect(Collectors.joining(", "));
    Finding.Builder finding = Finding.warning(FindingCode.CONFIG_TEMPLATE_UNEXPANDED)
        .check(IngressValidator.CHECK_ID)
        .subject(rules.size() == 1 ? "rule #" + first.index() : "rules " + ruleList)
        .message(which + (rules.size() == 1 ? " still holds" : " still hold") + " the template placeholder"
            + (placeholders.size() == 1 ? " " : "s ") + names
            + ", but cloudflared expands no variables in its config file: " + field.effect)
        .remediation("render the template before cloudflared reads the file (e.g. envsubst < config.tmpl.yml > config.yml, or"
            + " the Helm/Ansible/Nix step that should have filled in " + names + "), so that " + (rules.size() == 1 ? "the" : "each")
            + " " + field.key + " holds the real value")
        .evidence("field", field.key)
        .evidence("placeholders", names)
        .evidence("value", field.value(first));
    if (rules.size() == 1) {
      finding.rule(first.index());
    } else {
      finding.evidence(RuleList.KEY, RuleList.of(rules.stream().map(IngressRule::index).toList()));
    }
    if (first.location() != null) {
      finding.evidence("location", String.valueOf(first.location()));
    }
    return finding.evidence("source", "config").build();
  }
}
