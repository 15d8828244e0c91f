package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.internal.Redaction;
import io.github.tunneldiagnostics.api.internal.golang.GoUrl;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A URL asked about, read once the way {@code cloudflared tunnel ingress rule <URL>} reads it
 * ({@code ingress_subcommands.go testURLCommand}): Go's {@code url.Parse}, refused when it fails or when
 * the URL has neither a hostname nor a scheme. Matching uses {@link #hostname()} and {@link #path()};
 * a probe requests {@link #requestTarget()}.
 *
 * <pre>{@code
 * RouteUrl url = RouteUrl.parse("https://App.Example.com:8443/a%20b?x=1#top");
 * url.hostname();      // "App.Example.com"
 * url.port();          // "8443"
 * url.path();          // "/a b"
 * url.requestTarget(); // "/a%20b?x=1"
 * url.browserForm();   // https://app.example.com:8443/a%20b?x=1#top
 * }</pre>
 *
 * <p>Immutable and thread-safe; equal when the texts are equal. {@link #toString()} applies the
 * redaction policy: a URL may carry a password ({@code user:pass@}) or a token in its query.
 */
public final class RouteUrl {
  private final String text;
  private final GoUrl url;

  private RouteUrl(String text, GoUrl url) {
    this.text = text;
    this.url = url;
  }

  /**
   * Reads a URL like cloudflared's {@code ingress rule} command.
   *
   * @param text the URL as given
   * @return the parsed URL
   * @throws InvalidRouteUrlException with cloudflared's message when cloudflared refuses the URL
   */
  public static RouteUrl parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new InvalidRouteUrlException("cloudflared tunnel rule expects a single argument, the URL to test");
    }
    GoUrl url;
    try {
      url = GoUrl.parse(text);
    } catch (GoUrl.ParseException e) {
      throw new InvalidRouteUrlException(text + " is not a valid URL");
    }
    if (url.hostname().isEmpty() && url.scheme().isEmpty()) {
      throw new InvalidRouteUrlException(text + " doesn't have a hostname, consider adding a scheme");
    }
    return new RouteUrl(text, url);
  }

  /** The URL exactly as given. */
  public String text() {
    return text;
  }

  /**
   * This URL as a browser sends it: the host lower-cased (its userinfo, port, path, query and fragment,
   * and the scheme's spelling, as given). This URL itself when its host is already lower case.
   */
  public RouteUrl browserForm() {
    String host = url.host();
    if (host.equals(host.toLowerCase(Locale.ROOT))) {
      return this;
    }
    // the authority follows "scheme://" (or "//" without a scheme); its host follows the last '@'
    int authority = (url.scheme().isEmpty() ? 0 : url.scheme().length() + 1) + 2;
    int end = authority;
    while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    int start = Math.max(authority, text.lastIndexOf('@', end - 1) + 1);
    return parse(text.substring(0, start) + text.substring(start, end).toLowerCase(Locale.ROOT) + text.substring(end));
  }

  /** The scheme, lower-cased as Go reads it; empty when the URL has none. */
  public String scheme() {
    return url.scheme();
  }

  /**
   * The host cloudflared matches: Go's {@code URL.Hostname()}, without the port and without the brackets
   * of an IPv6 literal; case and a trailing dot kept; empty when the URL has no host.
   */
  public String hostname() {
    return url.hostname();
  }

  /** The port as written after the host ({@code URL.Port()}); empty when the URL names none. */
  public String port() {
    return url.port();
  }

  /**
   * The path cloudflared matches ({@code URL.Path}): percent-decoded, without query and fragment; empty
   * when the URL has none.
   */
  public String path() {
    return url.path();
  }

  /**
   * What a client puts on its request line: the path as written (still percent-encoded, {@code /} when
   * empty) and the query as written after a {@code ?}; never the fragment.
   */
  public String requestTarget() {
    String path = url.rawPath().isEmpty() ? "/" : url.rawPath();
    return url.forceQuery() || !url.rawQuery().isEmpty() ? path + "?" + url.rawQuery() : path;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RouteUrl that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The URL as given, under the redaction policy: its password or token is masked. */
  @Override
  public String toString() {
    return Redaction.redact(text);
  }
}
