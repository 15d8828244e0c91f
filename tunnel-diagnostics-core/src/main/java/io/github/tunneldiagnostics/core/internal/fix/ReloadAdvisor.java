package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.core.internal.connector.ConnectorProcess;
import io.github.tunneldiagnostics.core.internal.connector.ProcessScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Says how to reload the connector that reads a config file, from what {@code /proc} shows of it: its
 * cgroup names a systemd unit, a Docker/Podman container or a Kubernetes pod; otherwise it is a plain
 * process, restarted with its own command line (token values hidden).
 */
public final class ReloadAdvisor {
  private static final Pattern UNIT = Pattern.compile("/([^/]+\\.service)(/|$)");
  private static final Pattern DOCKER = Pattern.compile("(?:docker-|/docker/)([0-9a-f]{12,64})");
  private static final Pattern PODMAN = Pattern.compile("libpod-([0-9a-f]{12,64})");
  private static final Pattern TOKEN = Pattern.compile("(--?token(?:-file)?)(=|\\s+)(\\S+)");

  private final Path procRoot;

  public ReloadAdvisor(Path procRoot) {
    this.procRoot = procRoot;
  }

  /**
   * The reload for the connector that reads {@code configFile} (a process whose {@code --config} names
   * it, else the only cloudflared process); {@code remotelyManaged} when the running connector's
   * ingress comes from the dashboard or API.
   */
  public Reload advise(@Nullable Path configFile, boolean remotelyManaged) {
    if (remotelyManaged) {
      return new Reload(Reload.Kind.REMOTELY_MANAGED,
          "The tunnel is managed remotely: make the change in the Cloudflare dashboard (Zero Trust → Networks → Tunnels → "
              + "your tunnel → Public hostnames) or with the API (PUT /accounts/<account>/cfd_tunnel/<tunnel>/configurations); "
              + "the connector picks it up by itself, and its config file is never written.",
          List.of());
    }
    Optional<ConnectorProcess> process = choose(new ProcessScanner(procRoot).scan(), configFile);
    if (process.isEmpty()) {
      return new Reload(Reload.Kind.NOT_FOUND,
          "No running cloudflared was found on this host; restart the connector where it runs so that it reads the new file.", List.of());
    }
    long pid = process.get().pid();
    String cgroup = read(procRoot.resolve(Long.toString(pid)).resolve("cgroup"));
    Matcher docker = DOCKER.matcher(cgroup);
    Matcher podman = PODMAN.matcher(cgroup);
    Matcher unit = UNIT.matcher(cgroup);
    if (cgroup.contains("kubepods")) {
      return new Reload(Reload.Kind.KUBERNETES_POD,
          "cloudflared (pid " + pid + ") runs in a Kubernetes pod: update the ConfigMap that holds the config, then run "
              + "kubectl rollout restart deployment/<cloudflared deployment> -n <namespace>.",
          List.of());
    }
    if (podman.find()) {
      String id = podman.group(1).substring(0, 12);
      return new Reload(Reload.Kind.PODMAN_CONTAINER, "cloudflared (pid " + pid + ") runs in Podman container " + id + ": podman restart " + id,
          List.of("podman", "restart", id));
    }
    if (docker.find()) {
      String id = docker.group(1).substring(0, 12);
      return new Reload(Reload.Kind.DOCKER_CONTAINER, "cloudflared (pid " + pid + ") runs in Docker container " + id + ": docker restart " + id,
          List.of("docker", "restart", id));
    }
    if (unit.find() && !unit.group(1).startsWith("user@") && !unit.group(1).startsWith("session-")) {
      String name = unit.group(1);
      return new Reload(Reload.Kind.SYSTEMD_UNIT, "cloudflared (pid " + pid + ") runs as the systemd unit " + name + ": systemctl restart " + name,
          List.of("systemctl", "restart", name));
    }
    String commandLine = commandLine(pid);
    return new Reload(Reload.Kind.PLAIN_PROCESS,
        "cloudflared (pid " + pid + ") runs as a plain process: stop it and start it again with the same command"
            + (commandLine.isEmpty() ? "." : ": " + commandLine),
        List.of());
  }

  private static Optional<ConnectorProcess> choose(List<ConnectorProcess> processes, @Nullable Path configFile) {
    if (configFile != null) {
      for (ConnectorProcess process : processes) {
        if (process.configPath() != null && same(Path.of(process.configPath()), configFile)) {
          return Optional.of(process);
        }
      }
    }
    return processes.size() == 1 ? Optional.of(processes.get(0)) : Optional.empty();
  }

  private static boolean same(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException | RuntimeException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  /** The process's command line, each token value replaced by {@code ****}. */
  private String commandLine(long pid) {
    String raw = read(procRoot.resolve(Long.toString(pid)).resolve("cmdline"));
    List<String> args = new ArrayList<>(List.of(raw.split("\u0000")));
    args.removeIf(String::isEmpty);
    String line = String.join(" ", args);
    return TOKEN.matcher(line).replaceAll("$1$2****");
  }

  private static String read(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
