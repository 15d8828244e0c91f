package io.github.tunneldiagnostics.core.internal.logs;

/** How a cloudflared line reached the file: as written, or behind the prefix of the tool that collected it. */
enum Wrapper {
  /** As cloudflared writes it. */
  PLAIN("plain"),
  /** {@code journalctl} (short, short-iso, short-precise): {@code Nov 25 12:00:00 host cloudflared[42]: }. */
  JOURNALD("journald"),
  /** {@code docker compose logs}: {@code cloudflared-1  | }. */
  COMPOSE("compose"),
  /** {@code kubectl logs --prefix}: {@code [pod/cloudflared-7d9f/cloudflared] }. */
  KUBECTL("kubectl"),
  /** {@code docker logs --timestamps} or {@code kubectl logs --timestamps}: an RFC 3339 time in front. */
  TIMESTAMPED("timestamped"),
  /** Docker's json-file log driver ({@code <id>-json.log}): {@code {"log":"<line>\n","stream":"stderr","time":"…"}}. */
  DOCKER_JSON("dockerJson");

  final String key;

  Wrapper(String key) {
    this.key = key;
  }
}
