package io.github.tunneldiagnostics.core.internal.routetable;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One case of a route table: a URL and what should serve it. Every expectation that is set must hold.
 *
 * @param name what the case is about, for people; the URL when the table names none
 * @param url the URL as cloudflared receives it (matched exactly as {@code tunnel-doctor match} does)
 * @param rule the 0-based index of the rule expected to serve it
 * @param hostname the expected rule's hostname, as written in the config
 * @param service the expected rule's service, as cloudflared renders it
 * @param catchAll true: no specific rule serves it (the catch-all does); false: a specific rule does
 * @param originAnswers true: the serving rule's origin must answer the way cloudflared reaches it
 * @param line the case's line in the table file, for messages
 */
public record RouteCase(
    String name,
    String url,
    @Nullable Integer rule,
    @Nullable String hostname,
    @Nullable String service,
    @Nullable Boolean catchAll,
    boolean originAnswers,
    int line) {

  public RouteCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
  }
}
