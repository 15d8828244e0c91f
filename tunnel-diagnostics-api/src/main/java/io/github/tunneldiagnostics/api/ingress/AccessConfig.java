package io.github.tunneldiagnostics.api.ingress;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.List;
import java.util.Objects;

/** The {@code originRequest.access} block: Cloudflare Access JWT validation in front of the origin. */
public record AccessConfig(boolean required, String teamName, List<String> audTag, String environment) {
  public AccessConfig {
    Objects.requireNonNull(teamName, "teamName");
    audTag = List.copyOf(audTag);
    Objects.requireNonNull(environment, "environment");
  }

  /** The record's fields, under the redaction policy. */
  @Override
  public String toString() {
    return Redaction.toString(this);
  }
}
