package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.internal.ingress.IngressMatcher;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the rule a logged destination went to, for log lines that carry no rule index, with the ingress
 * engine's own matcher (cloudflared's exact semantics), cached because logs repeat the same URLs.
 */
final class HostRuleMapper {
  private static final int MAX_CACHE = 4096;

  private final IngressMatcher matcher;
  private final Map<String, Integer> cache = new HashMap<>();

  HostRuleMapper(IngressModel model) {
    this.matcher = IngressMatcher.of(model);
  }

  /** The rule index for a destination host and path. */
  int ruleFor(String host, String path) {
    if (host.length() + path.length() > 512) {
      return matcher.match(host, path).index(); // not cached: memory stays bounded
    }
    String cacheKey = host + ' ' + path;
    Integer hit = cache.get(cacheKey);
    if (hit != null) {
      return hit;
    }
    int found = matcher.match(host, path).index();
    if (cache.size() >= MAX_CACHE) {
      cache.clear();
    }
    cache.put(cacheKey, found);
    return found;
  }

  /**
   * The percent-decoded path of {@code scheme://host[:port]/path?query} (what cloudflared matches: Go's
   * {@code URL.Path}), without the query; empty when there is none.
   */
  static String pathOf(String url) {
    int s = url.indexOf("://");
    s = s < 0 ? 0 : s + 3;
    int slash = url.indexOf('/', s);
    if (slash < 0) {
      return "";
    }
    int q = url.indexOf('?', slash);
    String raw = q < 0 ? url.substring(slash) : url.substring(slash, q);
    return raw.indexOf('%') < 0 ? raw : percentDecode(raw);
  }

  private static String percentDecode(String raw) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0 && Character.digit(raw.charAt(i + 2), 16) >= 0) {
        out.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
