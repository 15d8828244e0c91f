package io.github.tunneldiagnostics.core.report;

import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import java.util.List;
import java.util.Objects;

/**
 * Which ingress rule serves each of some URLs, as {@code cloudflared tunnel ingress rule} answers it.
 *
 * @param source the config the rules came from
 * @param matches one entry per URL, in the order asked
 */
public record MatchReport(ConfigSource source, List<UrlMatch> matches) {

  public MatchReport {
    Objects.requireNonNull(source, "source");
    matches = List.copyOf(matches);
  }
}
