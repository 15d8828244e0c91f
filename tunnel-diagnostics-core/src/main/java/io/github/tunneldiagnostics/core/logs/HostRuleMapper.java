package io.github.tunneldiagnostics.core.logs;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the rule a logged destination URL went to, for log lines that carry no rule index: hostname
 * exact or {@code *.} suffix match (ports ignored, no case folding, as cloudflared), the path regex
 * unanchored, first match wins, else the last rule. A simplified version of cloudflared's matcher that is
 * enough to attribute log lines.
 */
final class HostRuleMapper {
  private static final int MAX_CACHE = 4096;

  private final List<IngressRule> rules;
  private final List<@Nullable Pattern> paths = new ArrayList<>();
  private final Map<String, Integer> cache = new HashMap<>();

  HostRuleMapper(IngressModel model) {
    this.rules = model.rules();
    for (IngressRule rule : rules) {
      Pattern compiled = null;
      if (!rule.path().isEmpty()) {
        try {
          compiled = Pattern.compile(rule.path());
        } catch (PatternSyntaxException e) {
          compiled = Pattern.compile("[^\\x00-\\x{10FFFF}]"); // an invalid regex never matches
        }
      }
      paths.add(compiled);
    }
  }

  /** The rule index for a destination host and path, or -1 when there are no rules. */
  int ruleFor(String host, String path) {
    if (rules.isEmpty()) {
      return -1;
    }
    String cacheKey = host + ' ' + path;
    Integer hit = cache.get(cacheKey);
    if (hit != null) {
      return hit;
    }
    int found = rules.size() - 1;
    for (int i = 0; i < rules.size(); i++) {
      IngressRule rule = rules.get(i);
      boolean hostMatch = rule.matchesAnyHost() || rule.hostname().equals(host) || (rule.isWildcard() && host.endsWith(rule.hostname().substring(1)));
      Pattern p = paths.get(i);
      if (hostMatch && (p == null || p.matcher(path).find())) {
        found = i;
        break;
      }
    }
    if (cache.size() >= MAX_CACHE) {
      cache.clear();
    }
    cache.put(cacheKey, found);
    return found;
  }

  /** The host of {@code scheme://host[:port]/path}, without port or brackets. */
  static String hostOf(String url) {
    int s = url.indexOf("://");
    s = s < 0 ? 0 : s + 3;
    int e = s;
    if (e < url.length() && url.charAt(e) == '[') {
      int close = url.indexOf(']', e);
      return close < 0 ? url.substring(e + 1) : url.substring(e + 1, close);
    }
    while (e < url.length() && "/:?#".indexOf(url.charAt(e)) < 0) {
      e++;
    }
    return url.substring(s, e);
  }

  static String pathOf(String url) {
    int s = url.indexOf("://");
    s = s < 0 ? 0 : s + 3;
    int slash = url.indexOf('/', s);
    if (slash < 0) {
      return "";
    }
    int q = url.indexOf('?', slash);
    return q < 0 ? url.substring(slash) : url.substring(slash, q);
  }
}
