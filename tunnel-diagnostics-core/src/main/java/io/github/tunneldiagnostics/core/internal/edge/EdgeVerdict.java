package io.github.tunneldiagnostics.core.internal.edge;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The classification of one edge response.
 *
 * @param edgeCase the case
 * @param errorCode the Cloudflare error code read from the body or headers (1033, 502, …), or null
 * @param bodyForm {@code text}, {@code json}, {@code markdown}, {@code html} or {@code empty}
 */
public record EdgeVerdict(EdgeCase edgeCase, @Nullable Integer errorCode, String bodyForm) {
  public EdgeVerdict {
    Objects.requireNonNull(edgeCase, "edgeCase");
    Objects.requireNonNull(bodyForm, "bodyForm");
  }
}
