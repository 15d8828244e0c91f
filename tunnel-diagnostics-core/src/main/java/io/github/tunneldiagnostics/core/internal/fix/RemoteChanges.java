package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A remotely managed tunnel's changes: its config file is ignored, so each change is said as the dashboard
 * step that makes it, and applied to the remote configuration's JSON (the Cloudflare API's shape:
 * {@code {"ingress": [...], "originRequest": {...}, "warp-routing": {...}}}, durations in whole seconds) for
 * the {@code PUT …/configurations} body.
 */
public final class RemoteChanges {
  /** Where a tunnel's public hostnames are edited in the Cloudflare dashboard. */
  static final String DASHBOARD = "Cloudflare dashboard (Zero Trust › Networks › Tunnels › your tunnel › Public hostnames)";
  private static final Pattern GO_DURATION = Pattern.compile("(?:([0-9]+)h)?(?:([0-9]+)m(?!s))?(?:([0-9]+)s)?");

  private RemoteChanges() {}

  /** The dashboard step that makes {@code change} on a remotely managed tunnel, as what a person must do. */
  static Remedy.Manual dashboardStep(Remedy change, IngressModel model) {
    String step;
    if (change instanceof Remedy.SetService set) {
      step = "edit the public hostname of " + label(model, set.rule()) + " and change its service from " + set.oldService() + " to "
          + set.newService();
    } else if (change instanceof Remedy.SetOriginRequest set) {
      step = (set.rule() == Remedy.TOP_LEVEL ? "set the tunnel's default origin setting " : "edit the public hostname of " + label(model, set.rule())
          + " and under Additional application settings set ") + set.field() + " to " + set.newValue()
          + (set.oldValue() == null ? "" : " (now " + set.oldValue() + ")");
    } else if (change instanceof Remedy.MoveRule move) {
      step = "move the public hostname of " + label(model, move.rule()) + " above that of " + label(model, move.before())
          + " (cloudflared takes the first one that matches, in the list's order)";
    } else if (change instanceof Remedy.AddRule add) {
      step = "add a public hostname " + add.hostname() + " with service " + add.service() + " above " + label(model, add.before())
          + (add.copyOriginRequestFrom() >= 0 ? ", with the same additional application settings as " + label(model, add.copyOriginRequestFrom()) : "");
    } else {
      step = change.describe();
    }
    return new Remedy.Manual("In the " + DASHBOARD + ", " + step + ".",
        "The tunnel is managed remotely: its connectors serve the dashboard's ingress and ignore the config file. " + change.why());
  }

  private static String label(IngressModel model, int rule) {
    return rule >= 0 && rule < model.rules().size() ? model.rules().get(rule).label() : "rule #" + rule;
  }

  /**
   * The remote configuration with the changes made, or why it cannot be.
   *
   * @param config the changed configuration, null when a change could not be made
   * @param problem why not, one sentence; null when every change was made
   */
  public record Applied(@Nullable Map<String, Object> config, @Nullable String problem) {}

  /**
   * Makes {@code changes} (in order; every index is the rule's as the diagnosis numbered them, before any
   * change moved or added a rule, as for a file patch) on a copy of the remote
   * configuration {@code config} (the API's {@code result.config}); the rules must still be those the
   * changes were planned on (each old value is checked), else nothing is changed and the problem is said.
   */
  public static Applied apply(Map<String, Object> config, List<Remedy> changes) {
    Map<String, Object> copy = deepCopy(config);
    List<Object> ingress = copy.get("ingress") instanceof List<?> list ? new ArrayList<>(list) : null;
    if (ingress == null) {
      return new Applied(null, "the remote configuration has no ingress list");
    }
    copy.put("ingress", ingress);
    List<Integer> ids = new ArrayList<>(); // the original index of each rule now in the list, -1 for an added one
    for (int i = 0; i < ingress.size(); i++) {
      ids.add(i);
    }
    for (Remedy change : changes) {
      Optional<String> problem = applyOne(copy, ingress, ids, change);
      if (problem.isPresent()) {
        return new Applied(null, problem.get());
      }
    }
    return new Applied(copy, null);
  }

  @SuppressWarnings("unchecked")
  private static Optional<String> applyOne(Map<String, Object> config, List<Object> ingress, List<Integer> ids, Remedy change) {
    if (change instanceof Remedy.SetService set) {
      Map<String, Object> rule = rule(ingress, ids.indexOf(set.rule()));
      if (rule == null || !set.oldService().equals(rule.get("service"))) {
        return Optional.of("rule #" + set.rule() + "'s service in the remote configuration is not " + set.oldService() + " any more; run fix again");
      }
      rule.put("service", set.newService());
    } else if (change instanceof Remedy.SetOriginRequest set) {
      Map<String, Object> holder = set.rule() == Remedy.TOP_LEVEL ? config : rule(ingress, ids.indexOf(set.rule()));
      if (holder == null) {
        return Optional.of("the remote configuration has no rule #" + set.rule());
      }
      Map<String, Object> originRequest = holder.get("originRequest") instanceof Map<?, ?> m
          ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
      Object value = jsonValue(set.field(), set.newValue());
      if (value == null) {
        return Optional.of(set.field() + " " + set.newValue() + " cannot be written in the API's form (whole seconds)");
      }
      originRequest.put(set.field(), value);
      holder.put("originRequest", originRequest);
    } else if (change instanceof Remedy.MoveRule move) {
      int from = ids.indexOf(move.rule());
      if (rule(ingress, from) == null || rule(ingress, ids.indexOf(move.before())) == null) {
        return Optional.of("the remote configuration has no rule #" + move.rule() + " or #" + move.before());
      }
      Object moved = ingress.remove(from);
      ids.remove(from);
      int to = ids.indexOf(move.before());
      ingress.add(to, moved);
      ids.add(to, move.rule());
    } else if (change instanceof Remedy.AddRule add) {
      int at = ids.indexOf(add.before());
      if (rule(ingress, at) == null) {
        return Optional.of("the remote configuration has no rule #" + add.before());
      }
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("hostname", add.hostname());
      rule.put("service", add.service());
      Map<String, Object> from = add.copyOriginRequestFrom() >= 0 ? rule(ingress, ids.indexOf(add.copyOriginRequestFrom())) : null;
      if (from != null && from.get("originRequest") instanceof Map<?, ?> originRequest) {
        rule.put("originRequest", deepCopy((Map<String, Object>) originRequest));
      }
      ingress.add(at, rule);
      ids.add(at, -1);
    } else {
      return Optional.of("a " + change.kind() + " change has no place in a remote configuration: " + change.describe());
    }
    return Optional.empty();
  }

  /** Rule {@code index} as a mutable copy placed back in the list, or null when there is none. */
  @SuppressWarnings("unchecked")
  private static @Nullable Map<String, Object> rule(List<Object> ingress, int index) {
    if (index < 0 || index >= ingress.size() || !(ingress.get(index) instanceof Map<?, ?> rule)) {
      return null;
    }
    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) rule);
    ingress.set(index, copy);
    return copy;
  }

  /** An originRequest value in the API's JSON: durations as whole seconds, booleans and numbers as such, else a string. */
  static @Nullable Object jsonValue(String field, String value) {
    if (YamlKeys.DURATION_FIELDS.contains(field)) {
      Matcher m = GO_DURATION.matcher(value);
      if (value.isEmpty() || !m.matches()) {
        return null;
      }
      long seconds = 0;
      for (int group = 1; group <= 3; group++) {
        if (m.group(group) != null) {
          seconds += Long.parseLong(m.group(group)) * (group == 1 ? 3600 : group == 2 ? 60 : 1);
        }
      }
      return seconds;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.valueOf(value);
    }
    if (field.equals("keepAliveConnections") || field.equals("proxyPort")) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m)
        : value instanceof List<?> l ? new ArrayList<>(l) : value));
    return copy;
  }
}
