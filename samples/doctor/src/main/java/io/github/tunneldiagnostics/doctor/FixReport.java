package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.Route;
import io.github.tunneldiagnostics.api.RouteReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.core.fix.ConfigPatch;
import io.github.tunneldiagnostics.core.fix.ConnectorWatch;
import io.github.tunneldiagnostics.core.fix.WriteResult;
import io.github.tunneldiagnostics.core.internal.fix.Reload;
import io.github.tunneldiagnostics.core.internal.fix.RemoteApiRequest;
import io.github.tunneldiagnostics.core.internal.report.JsonTree;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code fix} did, printed as the diff (standard output) plus the story (standard error), or as one
 * JSON document ({@code tunnel-diagnostics/fix/v1}).
 */
final class FixReport {
  static final String SCHEMA = "tunnel-diagnostics/fix/v1";

  private final Path file;
  private final DiagnosisReport before;
  private final ConfigPatch patch;
  private final boolean remote;
  private @Nullable Reload reload;
  private @Nullable WriteResult written;
  private @Nullable String reloaded;
  private boolean waited;
  private ConnectorWatch.@Nullable Outcome connector;
  private @Nullable Duration waitLimit;
  private @Nullable DiagnosisReport after;
  private List<Remedy> remoteChanges = List.of();
  private RemoteApiRequest.@Nullable Outcome remoteRequest;
  private boolean apiAsked;

  FixReport(Path file, DiagnosisReport before, ConfigPatch patch, boolean remote) {
    this.file = file;
    this.before = before;
    this.patch = patch;
    this.remote = remote;
  }

  void reload(Reload value) {
    this.reload = value;
  }

  /** A remotely managed tunnel's changes, and the API request that makes them (null without --cloudflare-api). */
  void remote(List<Remedy> changes, RemoteApiRequest.@Nullable Outcome request, boolean cloudflareApi) {
    this.remoteChanges = List.copyOf(changes);
    this.remoteRequest = request;
    this.apiAsked = cloudflareApi;
  }

  void written(WriteResult value) {
    this.written = value;
  }

  void reloaded(String value) {
    this.reloaded = value;
  }

  void connector(ConnectorWatch.@Nullable Outcome outcome, Duration limit) {
    this.waited = true;
    this.connector = outcome;
    this.waitLimit = limit;
  }

  void after(DiagnosisReport value) {
    this.after = value;
  }

  void print(FixCommand.FixFormat format, PrintWriter out, PrintWriter err) {
    if (format == FixCommand.FixFormat.JSON) {
      out.print(JsonTree.render(document()));
    } else {
      out.print(patch.diff());
      err.print(story());
    }
    out.flush();
    err.flush();
  }

  /** The manual remedies: what a person must do, one per finding that has no config change applied. */
  private List<Map.Entry<Finding, Remedy>> manual() {
    List<Map.Entry<Finding, Remedy>> manual = new ArrayList<>();
    for (Finding finding : before.findings()) {
      for (Remedy remedy : finding.remedies()) {
        if (!remedy.changesConfig() || remote) {
          manual.add(Map.entry(finding, remedy));
        }
      }
    }
    return manual;
  }

  private String story() {
    StringBuilder out = new StringBuilder();
    out.append("tunnel-doctor fix: ").append(file).append(": verdict ").append(before.verdict()).append(", ")
        .append(before.findings().size()).append(before.findings().size() == 1 ? " finding" : " findings").append('\n');
    List<Remedy> applied = patch.applied();
    if (!applied.isEmpty()) {
      out.append("\nChanges (the diff is on standard output):\n");
      for (int i = 0; i < applied.size(); i++) {
        out.append("  ").append(i + 1).append(". ").append(applied.get(i).describe()).append('\n');
        out.append("     why: ").append(applied.get(i).why()).append('\n');
      }
    } else if (!remote) {
      out.append("\nNo change to the config file fixes what was found").append(before.findings().isEmpty() ? " (nothing was found)" : "").append(".\n");
    }
    patch.problem().ifPresent(p -> out.append("\nThe changes are not proposed: ").append(p).append('\n'));
    if (!patch.refused().isEmpty()) {
      out.append("\nLeft out:\n");
      for (ConfigPatch.Refusal refusal : patch.refused()) {
        out.append("  - ").append(refusal.remedy().describe()).append(": ").append(refusal.reason()).append('\n');
      }
    }
    List<Map.Entry<Finding, Remedy>> manual = manual();
    if (!manual.isEmpty()) {
      out.append("\nWhat a person must do:\n");
      for (Map.Entry<Finding, Remedy> entry : manual) {
        Finding finding = entry.getKey();
        out.append("  - ").append(finding.code()).append(finding.subject().isEmpty() ? "" : " at " + finding.subject()).append(": ")
            .append(entry.getValue().describe()).append('\n');
        out.append("    why: ").append(entry.getValue().why()).append('\n');
      }
    }
    if (remote && !remoteChanges.isEmpty()) {
      out.append('\n').append(remoteLine());
    }
    if (written != null) {
      switch (written.status()) {
        case WRITTEN -> out.append("\nWritten: ").append(written.file()).append(" (").append(written.applied().size())
            .append(written.applied().size() == 1 ? " change" : " changes").append("); the old file is at ").append(written.backup()).append('\n');
        case NOTHING_TO_WRITE -> out.append("\nNothing written: the patch changes nothing.\n");
        case REFUSED -> {
          out.append("\nNot written (").append(written.file()).append(" is unchanged):\n");
          written.reasons().forEach(r -> out.append("  - ").append(r).append('\n'));
        }
      }
    }
    if (reload != null && (applied.size() > 0 || remote)) {
      out.append("\nReload: ").append(reload.instruction()).append('\n');
    }
    if (reloaded != null) {
      out.append("Ran: ").append(reloaded).append('\n');
    }
    if (waited) {
      out.append('\n').append(connectorLine()).append('\n');
    }
    if (after != null) {
      out.append("\nRoutes, before -> after:\n");
      for (String line : routeLines()) {
        out.append("  ").append(line).append('\n');
      }
      out.append("Verdict: ").append(before.verdict()).append(" -> ").append(after.verdict()).append('\n');
      after.findings().stream().filter(f -> f.severity().isAtLeast(io.github.tunneldiagnostics.api.check.Severity.WARNING))
          .forEach(f -> out.append("  still: ").append(f.severity()).append(' ').append(f.code())
              .append(f.subject().isEmpty() ? "" : " at " + f.subject()).append(": ").append(f.message()).append('\n'));
    }
    return out.toString();
  }

  /** What the API part of a remotely managed tunnel's fix says: the request to send, or why there is none. */
  private String remoteLine() {
    RemoteApiRequest.Outcome outcome = remoteRequest;
    RemoteApiRequest.Request request = outcome == null ? null : outcome.request();
    if (request != null) {
      return "The same " + (remoteChanges.size() == 1 ? "change" : remoteChanges.size() + " changes")
          + " with the Cloudflare API (the doctor does not send it: run it with a token that has Account › Cloudflare Tunnel › Edit; "
          + "the connectors pick the new version up by themselves):\n" + request.curl();
    }
    if (outcome != null) {
      return "No API request is shown: " + outcome.problem() + ".\n";
    }
    return apiAsked ? "" : "Run fix again with --cloudflare-api to see the exact Cloudflare API request that makes "
        + (remoteChanges.size() == 1 ? "this change" : "these changes") + ".\n";
  }

  private String connectorLine() {
    if (connector == null) {
      return "No connector's metrics server answered (give --metrics HOST:PORT): that it reads the new file is not proven; the routes are re-checked below.";
    }
    if (connector.servesNewConfig()) {
      return "The connector serves the new configuration (/config changed, /ready 200) after " + connector.waited().toMillis() + " ms.";
    }
    if (connector.changed()) {
      return "The connector's /config changed, but /ready is not 200 after " + waitLimit + ".";
    }
    return "The connector still serves the old configuration after " + waitLimit
        + " (its /config did not change): reload it as said above, then run fix --write --wait again or diagnose.";
  }

  private List<String> routeLines() {
    List<String> lines = new ArrayList<>();
    if (after == null) {
      return lines;
    }
    Map<String, RouteReport> old = new LinkedHashMap<>();
    before.routes().forEach(r -> old.put(r.route().label(), r));
    for (RouteReport route : after.routes()) {
      RouteReport was = old.get(route.route().label());
      lines.add(route.route().label() + ": " + (was == null ? "(new)" : was.verdict() + " " + was.route().service() + edge(before, was)) + " -> "
          + route.verdict() + " " + route.route().service() + edge(after, route));
    }
    return lines;
  }

  /** The routes of {@code report} whose rule the patch changed (a new service, a new way to reach it, or a new rule). */
  List<RouteReport> changedRoutes(DiagnosisReport report) {
    return report.routes().stream().filter(r -> patch.changedRules().contains(r.route().rule())).toList();
  }

  /**
   * True when the re-check proves the fix: nothing is BROKEN, and every route of a changed rule is HEALTHY (with
   * {@code --public}, its public hostname through the edge included, as the edge's findings are the rule's).
   */
  static boolean provenHealthy(DiagnosisReport after, List<RouteReport> changed) {
    return after.verdict() != io.github.tunneldiagnostics.api.Verdict.BROKEN
        && changed.stream().allMatch(r -> r.verdict() == io.github.tunneldiagnostics.api.Verdict.HEALTHY);
  }

  /** What the edge answered for the route's public hostname ({@code --public}), as {@code " (edge: CODE)"}; empty without. */
  private static String edge(DiagnosisReport report, RouteReport route) {
    Route asked = route.route();
    return report.findings().stream()
        .filter(f -> f.check().equals("public.edge") && f.ruleIndex().orElse(-1) == asked.rule())
        .filter(f -> asked.url().isEmpty() || f.subject().equals(asked.label()))
        .min(java.util.Comparator.comparing(Finding::severity)) // ERROR is declared first: the most severe
        .map(f -> " (edge: " + f.code() + ")")
        .orElse("");
  }

  private Map<String, Object> document() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", SCHEMA);
    doc.put("file", file.toString());
    doc.put("verdictBefore", before.verdict().name());
    doc.put("remotelyManaged", remote);
    doc.put("changes", patch.applied());
    List<Object> refused = new ArrayList<>();
    for (ConfigPatch.Refusal refusal : patch.refused()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("remedy", refusal.remedy());
      item.put("reason", refusal.reason());
      refused.add(item);
    }
    doc.put("refused", refused);
    doc.put("problem", patch.problem().orElse(null));
    List<Object> manual = new ArrayList<>();
    for (Map.Entry<Finding, Remedy> entry : manual()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("code", entry.getKey().code());
      item.put("subject", entry.getKey().subject());
      item.put("remedy", entry.getValue());
      manual.add(item);
    }
    doc.put("manual", manual);
    doc.put("diff", patch.diff());
    if (remote) {
      Map<String, Object> remoteDoc = new LinkedHashMap<>();
      remoteDoc.put("changes", remoteChanges);
      RemoteApiRequest.Request request = remoteRequest == null ? null : remoteRequest.request();
      if (request != null) {
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("method", request.method());
        api.put("url", request.url());
        api.put("body", request.body());
        api.put("sent", false);
        remoteDoc.put("apiRequest", api);
      } else {
        remoteDoc.put("apiRequest", null);
      }
      remoteDoc.put("problem", remoteRequest == null ? null : remoteRequest.problem());
      doc.put("remote", remoteDoc);
    }
    if (written != null) {
      Map<String, Object> write = new LinkedHashMap<>();
      write.put("status", written.status().name());
      write.put("backup", written.backup() == null ? null : String.valueOf(written.backup()));
      write.put("reasons", written.reasons());
      doc.put("write", write);
    }
    if (reload != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("kind", reload.kind().name());
      r.put("instruction", reload.instruction());
      r.put("command", reload.commandLine());
      r.put("ran", reloaded);
      doc.put("reload", r);
    }
    if (waited) {
      Map<String, Object> verify = new LinkedHashMap<>();
      verify.put("connector", connectorLine());
      verify.put("servesNewConfig", connector != null && connector.servesNewConfig());
      verify.put("routes", routeLines());
      verify.put("verdictAfter", after == null ? null : after.verdict().name());
      doc.put("verify", verify);
    }
    return doc;
  }
}
