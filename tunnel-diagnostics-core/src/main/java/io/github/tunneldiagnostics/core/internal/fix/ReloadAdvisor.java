package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.core.internal.connector.ConnectorProcess;
import io.github.tunneldiagnostics.core.internal.connector.ProcessScanner;
import io.github.tunneldiagnostics.core.internal.vantage.ContainerRoot;
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
  /** A Deployment's pod: {@code <deployment>-<pod-template-hash>-<5 characters>}. */
  private static final Pattern DEPLOYMENT_POD = Pattern.compile("([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)-[a-z0-9]{6,10}-[a-z0-9]{5}");
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
    return advise(configFile, remotelyManaged, null);
  }

  /**
   * The same, for the connector {@code selector} names when given ({@code --connector}: a process id, or at least
   * 4 leading hex digits of its container id), else the one that reads {@code configFile}.
   */
  public Reload advise(@Nullable Path configFile, boolean remotelyManaged, @Nullable String selector) {
    if (remotelyManaged) {
      return new Reload(Reload.Kind.REMOTELY_MANAGED,
          "The tunnel is managed remotely: make the change in the Cloudflare dashboard (Zero Trust → Networks → Tunnels → "
              + "your tunnel → Public hostnames) or with the API (PUT /accounts/<account>/cfd_tunnel/<tunnel>/configurations); "
              + "the connector picks it up by itself, and its config file is never written.",
          List.of());
    }
    List<ConnectorProcess> processes = new ProcessScanner(procRoot).scan();
    Optional<ConnectorProcess> process = selector != null ? select(processes, selector) : choose(processes, configFile);
    if (process.isEmpty() && selector != null) {
      return new Reload(Reload.Kind.NOT_FOUND,
          "No running cloudflared is process " + selector + " or runs in a container whose id starts with " + selector
              + "; restart the connector where it runs so that it reads the new file.", List.of());
    }
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
      Optional<String> pod = environmentValue(pid, "HOSTNAME");
      Optional<String> deployment = pod.map(DEPLOYMENT_POD::matcher).filter(Matcher::matches).map(m -> m.group(1));
      Optional<String> namespace = new ContainerRoot(procRoot.resolve(Long.toString(pid)).resolve("root"))
          .readText("/var/run/secrets/kubernetes.io/serviceaccount/namespace", 256).map(String::strip).filter(n -> n.matches("[a-z0-9-]{1,63}"));
      return new Reload(Reload.Kind.KUBERNETES_POD,
          "cloudflared (pid " + pid + ") runs in Kubernetes pod " + pod.orElse("<pod>") + ": update the ConfigMap that holds the config, then run "
              + "kubectl rollout restart deployment/" + deployment.orElse("<cloudflared deployment>") + " -n " + namespace.orElse("<namespace>")
              + (deployment.isEmpty() ? "" : " (the deployment's name is the pod's without its two hash suffixes)") + ".",
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

  private Optional<ConnectorProcess> select(List<ConnectorProcess> processes, String selector) {
    String wanted = selector.strip().toLowerCase(java.util.Locale.ROOT);
    for (ConnectorProcess process : processes) {
      if (Long.toString(process.pid()).equals(wanted)) {
        return Optional.of(process);
      }
    }
    if (wanted.matches("[0-9a-f]{4,64}")) {
      for (ConnectorProcess process : processes) {
        String cgroup = read(procRoot.resolve(Long.toString(process.pid())).resolve("cgroup"));
        Matcher docker = DOCKER.matcher(cgroup);
        Matcher podman = PODMAN.matcher(cgroup);
        if ((docker.find() && docker.group(1).startsWith(wanted)) || (podman.find() && podman.group(1).startsWith(wanted))) {
          return Optional.of(process);
        }
      }
    }
    return Optional.empty();
  }

  /** One variable of the process's environment, decoded alone (no other value is kept). */
  private Optional<String> environmentValue(long pid, String name) {
    byte[] environ;
    try {
      environ = Files.readAllBytes(procRoot.resolve(Long.toString(pid)).resolve("environ"));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    byte[] prefix = (name + "=").getBytes(StandardCharsets.UTF_8);
    int start = 0;
    while (start < environ.length) {
      int end = start;
      while (end < environ.length && environ[end] != 0) {
        end++;
      }
      if (end - start >= prefix.length && java.util.Arrays.equals(environ, start, start + prefix.length, prefix, 0, prefix.length)) {
        return Optional.of(new String(environ, start + prefix.length, end - start - prefix.length, StandardCharsets.UTF_8));
      }
      start = end + 1;
    }
    return Optional.empty();
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
