package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginService;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.internal.ingress.IngressValidator;
import io.github.tunneldiagnostics.core.internal.probe.SocketTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Gives each finding its remedy as data: a config change when one fixes the cause (and only a safe one:
 * never a port that serves another rule or belongs to another app), else what a person must do. Config
 * changes are offered only when the diagnosed rules are the file's (not a running connector's diverging
 * ingress, nor a remotely managed one).
 */
public final class RemedyPlanner {
  private final @Nullable Path file;
  private final SocketTable sockets;

  private RemedyPlanner(@Nullable Path file, SocketTable sockets) {
    this.file = file;
    this.sockets = sockets;
  }

  /** A planner for the config file {@code file} (null: no file, so manual remedies only), reading this host's sockets. */
  public static RemedyPlanner forFile(@Nullable Path file) {
    return new RemedyPlanner(file, SocketTable.system());
  }

  /** The same planner with another socket table (tests point it at a fake {@code /proc/net}). */
  public RemedyPlanner sockets(SocketTable table) {
    return new RemedyPlanner(file, Objects.requireNonNull(table, "table"));
  }

  /** The report with remedies on every finding that has none yet. */
  public DiagnosisReport attach(DiagnosisReport report) {
    YamlText yaml = read();
    IngressModel model = report.ingress();
    boolean editable = yaml != null && model != null && sameRules(yaml, model);
    boolean remote = model != null && model.source().isRemotelyManaged();
    java.util.function.Supplier<PortRemedies> ports = memoize(() -> new PortRemedies(Objects.requireNonNull(model), sockets));
    List<Finding> findings = new ArrayList<>();
    boolean changed = false;
    for (Finding finding : report.findings()) {
      if (!finding.remedies().isEmpty()) {
        findings.add(finding);
        continue;
      }
      List<Remedy> remedies = new ArrayList<>();
      if (yaml != null && finding.code().equals(FindingCode.CONFIG_YAML_INVALID)) {
        remedies.addAll(durations(yaml));
      }
      if (editable) {
        remedies.addAll(configRemedies(finding, report, Objects.requireNonNull(model), yaml, ports));
      } else if (remote) {
        // a remotely managed tunnel: the same change, made in the dashboard or with the API (the file is ignored)
        for (Remedy change : configRemedies(finding, report, Objects.requireNonNull(model), null, ports)) {
          remedies.add(change.changesConfig() ? RemoteChanges.dashboardStep(change, model) : change);
        }
      }
      if (remedies.isEmpty() && finding.severity().isAtLeast(Severity.WARNING) && !finding.remediation().isEmpty()) {
        remedies.add(new Remedy.Manual(finding.remediation(), ManualReasons.why(finding, model)));
      }
      changed |= !remedies.isEmpty();
      findings.add(remedies.isEmpty() ? finding : finding.withRemedies(remedies));
    }
    return changed
        ? new DiagnosisReport(report.verdict(), report.startedAt(), report.duration(), report.ingress(), report.routes(), findings, report.results())
        : report;
  }

  /**
   * For a remotely managed tunnel (the report's rules come from the dashboard or API), the changes to its
   * remote configuration, as data: the same kinds and the same safety rules as for a file, made with the API
   * ({@link RemoteChanges#apply}) instead of a file edit. Empty when the report's rules are not remotely managed.
   */
  public List<Remedy> remoteChanges(DiagnosisReport report) {
    IngressModel model = report.ingress();
    if (model == null || !model.source().isRemotelyManaged()) {
      return List.of();
    }
    java.util.function.Supplier<PortRemedies> ports = memoize(() -> new PortRemedies(model, sockets));
    List<Remedy> changes = new ArrayList<>();
    for (Finding finding : report.findings()) {
      for (Remedy change : configRemedies(finding, report, model, null, ports)) {
        if (change.changesConfig() && !changes.contains(change)) {
          changes.add(change);
        }
      }
    }
    return changes;
  }

  private @Nullable YamlText read() {
    if (file == null) {
      return null;
    }
    try {
      String text = new String(io.github.tunneldiagnostics.core.internal.files.BoundedFile.read(file, 4L * 1024 * 1024), StandardCharsets.UTF_8);
      return YamlText.parse(text.startsWith("\uFEFF") ? text.substring(1) : text, file.toString());
    } catch (IOException | ConfigException | RuntimeException e) {
      return null;
    }
  }

  /** True when the model's rules are the file's, in order (the same hostname, path and service). */
  private static boolean sameRules(YamlText yaml, IngressModel model) {
    if (model.source().isRemotelyManaged()) {
      return false;
    }
    try {
      IngressModel fileModel = io.github.tunneldiagnostics.core.internal.config.ConfigLoader.parse(yaml.text(), Path.of(model.source().location()));
      return RulePlan.rulesOf(fileModel).stream().map(r -> List.of(r.hostname(), r.path(), r.service())).toList()
          .equals(RulePlan.rulesOf(model).stream().map(r -> List.of(r.hostname(), r.path(), r.service())).toList());
    } catch (ConfigException | RuntimeException e) {
      return false;
    }
  }

  private static List<Remedy> durations(YamlText yaml) {
    List<Remedy> remedies = new ArrayList<>();
    for (YamlKeys.BareDuration bare : new YamlKeys(yaml).bareDurations()) {
      remedies.add(new Remedy.SetOriginRequest(bare.rule(), bare.field(), bare.value(), bare.value() + "s",
          "cloudflared reads " + bare.field() + " as a Go duration string and refuses the bare number " + bare.value()
              + " (cannot unmarshal !!int into time.Duration): " + bare.value() + "s is what was meant."));
    }
    return remedies;
  }

  private static <T> java.util.function.Supplier<T> memoize(java.util.function.Supplier<T> supplier) {
    List<T> value = new ArrayList<>(1);
    return () -> {
      if (value.isEmpty()) {
        value.add(supplier.get());
      }
      return value.get(0);
    };
  }

  private List<Remedy> configRemedies(
      Finding finding, DiagnosisReport report, IngressModel model, @Nullable YamlText yaml, java.util.function.Supplier<PortRemedies> ports) {
    int index = wildcardRule(finding);
    IngressRule rule = index >= 0 && index < model.rules().size() ? model.rules().get(index) : null;
    switch (finding.code()) {
      case FindingCode.CONFIG_UNKNOWN_KEY -> {
        return yaml == null ? List.of() : renameKey(finding, yaml);
      }
      case FindingCode.RULE_UNREACHABLE -> {
        return rule == null ? List.of() : moveRule(finding, model, rule);
      }
      case FindingCode.WILDCARD_APEX_UNMATCHED -> {
        return rule == null ? List.of() : apexRule(finding.evidence().get("apex"), report, rule);
      }
      case FindingCode.HOSTNAME_NOT_ROUTED -> {
        return apexOfWildcard(finding, report, model);
      }
      default -> {
        // origin findings below
      }
    }
    if (rule == null || !finding.check().startsWith("origin")) {
      return List.of();
    }
    return switch (finding.code()) {
      case FindingCode.ORIGIN_CONNECTION_REFUSED -> ports.get().refused(finding, rule);
      case FindingCode.ORIGIN_BOUND_ELSEWHERE -> ports.get().boundElsewhere(finding, rule);
      case FindingCode.ORIGIN_LOOPBACK_IN_CONTAINER -> ContainerRemedies.loopbackInContainer(finding, rule);
      case FindingCode.ORIGIN_SPEAKS_TLS -> scheme(rule, true);
      case FindingCode.ORIGIN_SPEAKS_PLAINTEXT -> scheme(rule, false);
      case FindingCode.ORIGIN_SNI_REQUIRED -> serverName(rule, finding.evidence().get("sniThatWorks"),
          "The origin completes the TLS handshake only with SNI " + finding.evidence().get("sniThatWorks") + ".");
      case FindingCode.ORIGIN_CERT_NAME_MISMATCH -> serverName(rule, coveredName(finding),
          "The origin's certificate covers " + coveredName(finding) + ", not the name cloudflared verifies now.");
      default -> List.of();
    };
  }

  private static List<Remedy> scheme(IngressRule rule, boolean toTls) {
    if (!(rule.service() instanceof OriginService.Http http)) {
      return List.of();
    }
    String scheme = http.scheme();
    String target = toTls ? (scheme.equals("ws") ? "wss" : "https") : (scheme.equals("wss") ? "ws" : "http");
    if (target.equals(scheme)) {
      return List.of();
    }
    return ServiceText.withScheme(rule.rawService(), target, http.effectivePort())
        .<List<Remedy>>map(s -> List.of(new Remedy.SetService(rule.index(), rule.rawService(), s, toTls
            ? "The port speaks TLS; cloudflared must dial it with " + target + "://."
            : "The port speaks plain HTTP; cloudflared must not start a TLS handshake there.")))
        .orElse(List.of());
  }

  private static List<Remedy> serverName(IngressRule rule, @Nullable String name, String why) {
    if (name == null || name.isEmpty() || name.contains("*")) {
      return List.of();
    }
    String current = rule.overrides().originServerName();
    if (name.equals(current)) {
      return List.of();
    }
    return List.of(new Remedy.SetOriginRequest(rule.index(), "originServerName", current, name, why));
  }

  /** The first DNS name (not a wildcard) the leaf certificate covers, from the probe's evidence. */
  private static @Nullable String coveredName(Finding finding) {
    String sans = finding.evidence().getOrDefault("cert0.sans", "");
    for (String san : sans.split(",\\s*")) {
      if (san.startsWith("DNS:") && !san.contains("*")) {
        return san.substring(4);
      }
    }
    return null;
  }

  private static List<Remedy> renameKey(Finding finding, YamlText yaml) {
    String suggestion = finding.evidence().get("suggestion");
    String line = finding.evidence().get("line");
    String column = finding.evidence().get("column");
    if (suggestion == null || line == null || column == null) {
      return List.of();
    }
    Optional<YamlKeys.KeyAt> key;
    try {
      key = new YamlKeys(yaml).keyAt(Integer.parseInt(line), Integer.parseInt(column));
    } catch (NumberFormatException e) {
      return List.of();
    }
    return key.<List<Remedy>>map(k -> List.of(new Remedy.RenameKey(k.rule(), k.parentPath(), k.key(), suggestion,
            "cloudflared ignores " + k.key() + " (keys are case-sensitive); " + suggestion + " is the key it reads.")))
        .orElse(List.of());
  }

  private static List<Remedy> moveRule(Finding finding, IngressModel model, IngressRule later) {
    String by = finding.evidence().get("shadowedBy");
    if (by == null) {
      return List.of();
    }
    int earlier;
    try {
      earlier = Integer.parseInt(by);
    } catch (NumberFormatException e) {
      return List.of();
    }
    if (earlier >= later.index()) {
      return List.of();
    }
    List<IngressRule> reordered = new ArrayList<>(model.rules());
    reordered.remove(later.index());
    reordered.add(earlier, later);
    List<IngressRule> renumbered = new ArrayList<>();
    for (IngressRule rule : reordered) {
      renumbered.add(rule.toBuilder().index(renumbered.size()).build());
    }
    long before = IngressValidator.validate(model).stream().filter(f -> f.code().equals(FindingCode.RULE_UNREACHABLE)).count();
    long after = IngressValidator.validate(model.toBuilder().rules(renumbered).build()).stream().filter(f -> f.code().equals(FindingCode.RULE_UNREACHABLE)).count();
    if (after >= before) {
      return List.of(new Remedy.Manual(finding.remediation(),
          "Moving rule #" + later.index() + " above rule #" + earlier + " would hide another rule instead; decide which rule should win, and remove or narrow the other."));
    }
    return List.of(new Remedy.MoveRule(later.index(), earlier,
        "cloudflared takes the first rule that matches, and rule #" + earlier + " matches every request rule #" + later.index() + " could."));
  }

  /**
   * The rule a finding is about; for WILDCARD_APEX_UNMATCHED, which is about the apex (not the wildcard rule,
   * so that it degrades only the apex's route), the wildcard rule named in {@code evidence.wildcardRule}.
   */
  private static int wildcardRule(Finding finding) {
    String wildcard = finding.evidence().get("wildcardRule");
    if (finding.code().equals(FindingCode.WILDCARD_APEX_UNMATCHED) && wildcard != null) {
      try {
        return Integer.parseInt(wildcard);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return finding.ruleIndex().orElse(-1);
  }

  /** A URL that falls to the catch-all because its host is the apex of a wildcard rule: the same rule as for the apex finding. */
  private static List<Remedy> apexOfWildcard(Finding finding, DiagnosisReport report, IngressModel model) {
    String host = finding.evidence().get("host");
    for (Finding other : report.findingsWithCode(FindingCode.WILDCARD_APEX_UNMATCHED)) {
      int wildcard = wildcardRule(other);
      if (host != null && host.equals(other.evidence().get("apex")) && wildcard >= 0 && wildcard < model.rules().size()) {
        return apexRule(host, report, model.rules().get(wildcard));
      }
    }
    return List.of();
  }

  private static List<Remedy> apexRule(@Nullable String apex, DiagnosisReport report, IngressRule wildcard) {
    if (apex == null || !asked(report, apex)) {
      return List.of();
    }
    return List.of(new Remedy.AddRule(wildcard.index(), apex, wildcard.rawService(), wildcard.index(),
        wildcard.hostname() + " never matches " + apex + " itself; a rule of its own serves it like its subdomains."));
  }

  private static boolean asked(DiagnosisReport report, String host) {
    for (RouteReport route : report.routes()) {
      if (route.route().url().map(RouteUrl::hostname).filter(host::equals).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
