package io.github.tunneldiagnostics.core.internal.fix;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to make the connector read the patched config, as it runs here.
 *
 * @param kind how the connector runs
 * @param instruction what to do, one sentence, with the command when there is one
 * @param command the service manager's own command ({@code systemctl restart <unit>}, {@code docker restart
 *     <id>} …) that {@code --reload} may run; empty when there is none to run (a plain process, a
 *     remotely managed tunnel, no connector found, Kubernetes without the deployment's name)
 */
public record Reload(Kind kind, String instruction, List<String> command) {
  /** How the connector runs. */
  public enum Kind {
    SYSTEMD_UNIT,
    DOCKER_CONTAINER,
    PODMAN_CONTAINER,
    KUBERNETES_POD,
    PLAIN_PROCESS,
    REMOTELY_MANAGED,
    NOT_FOUND
  }

  public Reload {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(instruction, "instruction");
    command = List.copyOf(command);
  }

  /** The command as one shell line, or null when there is none. */
  public @Nullable String commandLine() {
    return command.isEmpty() ? null : String.join(" ", command);
  }
}
