package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.RouteUrl;
import io.github.tunneldiagnostics.core.RuleMatch;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * cloudflared's {@code FindMatchingRule}, indexed: gives exactly the rule {@link LinearIngressMatcher}
 * gives, without scanning every rule.
 *
 * <p>Exact hostnames, their punycode/lower-case aliases and the literal text of wildcard patterns are
 * keys of a hash table; wildcard rules {@code *.example.com} are keyed by their suffix
 * {@code .example.com} in a second table, looked up at each dot of the request host with the suffix's
 * hash computed right to left, so nothing is allocated per request; rules for any host ({@code ""} or
 * {@code *}) are a list. Each key holds its rule indices in ascending order. First match
 * wins across all candidate lists: the result is the lowest index whose hostname and path both match,
 * and a list is abandoned as soon as its indices pass the best one found so far.
 *
 * <p>Thread-safe and immutable. A rule whose path does not compile never matches (cloudflared would
 * refuse the whole configuration; {@link IngressValidator} reports it). A model without rules gets
 * cloudflared's default {@code http_status:503} rule at index 0. The internal management rule is not
 * modelled.
 */
public final class IngressMatcher {
  private static final int[] NONE = new int[0];

  private final RuleTable table;
  private final HostTable exact;
  private final HostTable wildcardSuffixes;
  private final int[] anyHost;
  private final boolean hasWildcards;

  private IngressMatcher(RuleTable table) {
    this.table = table;
    Map<String, List<Integer>> exactLists = new HashMap<>();
    Map<String, List<Integer>> suffixLists = new HashMap<>();
    List<Integer> anyList = new ArrayList<>();
    for (CompiledRule rule : table.rules) {
      if (!rule.usable) {
        continue;
      }
      if (rule.anyHost) {
        anyList.add(rule.index);
        continue;
      }
      exactLists.computeIfAbsent(rule.hostname, k -> new ArrayList<>()).add(rule.index);
      String alias = rule.alias;
      if (alias != null) {
        exactLists.computeIfAbsent(alias, k -> new ArrayList<>()).add(rule.index);
      }
      if (rule.wildcard) {
        suffixLists.computeIfAbsent(rule.wildcardSuffix, k -> new ArrayList<>()).add(rule.index);
      }
    }
    this.exact = new HostTable(freeze(exactLists));
    this.wildcardSuffixes = new HostTable(freeze(suffixLists));
    this.anyHost = toArray(anyList);
    this.hasWildcards = !suffixLists.isEmpty();
  }

  /** A matcher for the model's rules. */
  public static IngressMatcher of(IngressModel model) {
    return new IngressMatcher(new RuleTable(model));
  }

  /**
   * The rule for a request's {@code Host} (a port is ignored, as {@code net.SplitHostPort} strips it)
   * and {@code URL.Path}.
   *
   * @param host the host exactly as the request carries it; never lower-cased or trimmed
   * @param path the percent-decoded path without query
   */
  public RuleMatch match(String host, String path) {
    String h = RuleTable.stripPort(host);
    int best = exact.hasLength(h.length()) ? first(exact.get(h, 0, h.hashCode()), Integer.MAX_VALUE, path) : Integer.MAX_VALUE;
    if (hasWildcards) {
      // String.hashCode() of every suffix, right to left; a lookup at each dot (suffixes start with '.')
      int hash = 0;
      int power = 1;
      int length = h.length();
      int stop = Math.max(0, length - wildcardSuffixes.maxLength());
      for (int i = length - 1; i >= stop; i--) {
        char c = h.charAt(i);
        hash += c * power;
        power *= 31;
        if (c == '.' && wildcardSuffixes.hasLength(length - i)) {
          best = first(wildcardSuffixes.get(h, i, hash), best, path);
        }
      }
    }
    best = first(anyHost, best, path);
    return table.result(best == Integer.MAX_VALUE ? -1 : best);
  }

  /** The rule for a URL, as {@code cloudflared tunnel ingress rule <URL>} finds it: its hostname and path. */
  public RuleMatch match(RouteUrl url) {
    return match(url.hostname(), url.path());
  }

  private int first(int @Nullable [] candidates, int best, String path) {
    if (candidates == null) {
      return best;
    }
    CompiledRule[] rules = table.rules;
    for (int index : candidates) {
      if (index >= best) {
        return best;
      }
      if (rules[index].matchesPath(path)) {
        return index;
      }
    }
    return best;
  }

  private static Map<String, int[]> freeze(Map<String, List<Integer>> lists) {
    Map<String, int[]> frozen = new HashMap<>(lists.size() * 2);
    lists.forEach((key, list) -> frozen.put(key, toArray(list)));
    return frozen;
  }

  private static int[] toArray(List<Integer> list) {
    if (list.isEmpty()) {
      return NONE;
    }
    int[] array = new int[list.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = list.get(i);
    }
    return array;
  }
}
