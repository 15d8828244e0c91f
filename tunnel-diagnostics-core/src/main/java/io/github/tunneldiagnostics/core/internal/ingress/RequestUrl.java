package io.github.tunneldiagnostics.core.internal.ingress;

import io.github.tunneldiagnostics.api.internal.golang.GoUrl;
import io.github.tunneldiagnostics.core.InvalidRequestUrlException;
/**
 * A URL asked about, read the way {@code cloudflared tunnel ingress rule <URL>} reads it
 * ({@code ingress_subcommands.go testURLCommand}): Go's {@code url.Parse}, then
 * {@code FindMatchingRule(url.Hostname(), url.Path)}. The path is percent-decoded and excludes the query;
 * a URL without a path passes {@code ""}.
 *
 * @param host {@code url.Hostname()}: no port, no IPv6 brackets, case and trailing dot kept
 * @param path {@code url.Path}
 */
public record RequestUrl(String host, String path) {

  /**
   * Reads a URL like cloudflared's {@code ingress rule} command.
   *
   * @throws InvalidRequestUrlException with cloudflared's message when it refuses the URL
   */
  public static RequestUrl parse(String argument) {
    if (argument.isEmpty()) {
      throw new InvalidRequestUrlException("cloudflared tunnel rule expects a single argument, the URL to test");
    }
    GoUrl url;
    try {
      url = GoUrl.parse(argument);
    } catch (GoUrl.ParseException e) {
      throw new InvalidRequestUrlException(argument + " is not a valid URL");
    }
    if (url.hostname().isEmpty() && url.scheme().isEmpty()) {
      throw new InvalidRequestUrlException(argument + " doesn't have a hostname, consider adding a scheme");
    }
    return new RequestUrl(url.hostname(), url.path());
  }
}
