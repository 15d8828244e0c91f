package io.github.tunneldiagnostics.core.internal.connector;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A running cloudflared process as {@code /proc} shows it. Holds no secret: token flags and variables
 * are recorded as present or absent only, and of the environment only variable names are kept.
 *
 * @param pid the process id
 * @param metricsAddress the {@code --metrics} value, or null
 * @param configPath the {@code --config} value, or null
 * @param tunnelReference the tunnel named after {@code tunnel run}, or null
 * @param tokenInArguments whether {@code --token} is on the command line (the value is never read)
 * @param tokenFileInArguments whether {@code --token-file} is on the command line
 * @param tokenInEnvironment whether {@code TUNNEL_TOKEN} is set (the value is never read)
 * @param environmentNames names of cloudflared and proxy variables set for it ({@code TUNNEL_*},
 *     {@code HTTP(S)_PROXY}, {@code NO_PROXY}), without values
 */
public record ConnectorProcess(
    long pid,
    @Nullable String metricsAddress,
    @Nullable String configPath,
    @Nullable String tunnelReference,
    boolean tokenInArguments,
    boolean tokenFileInArguments,
    boolean tokenInEnvironment,
    List<String> environmentNames) {

  public ConnectorProcess {
    environmentNames = List.copyOf(Objects.requireNonNull(environmentNames, "environmentNames"));
  }

  /** True when the tunnel is run with a token (remotely managed), however it is passed. */
  public boolean usesToken() {
    return tokenInArguments || tokenFileInArguments || tokenInEnvironment;
  }
}
