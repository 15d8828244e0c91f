package io.github.tunneldiagnostics.core.internal.vantage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The container a process runs in, named from its {@code /proc/<pid>/cgroup} as read from the host
 * (containers.md §2.3).
 *
 * @param runtime {@code docker}, {@code kubernetes (containerd)}, {@code kubernetes (cri-o)},
 *     {@code kubernetes} or {@code podman}
 * @param id the 64-hex container id
 * @param podUid the Kubernetes pod UID, or null
 */
public record ContainerRef(String runtime, String id, @Nullable String podUid) {
  private static final String HEX = "([0-9a-f]{64})";
  private static final Pattern POD = Pattern.compile("pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})");
  private static final List<Pattern> CRI_CONTAINERD = List.of(
      Pattern.compile("cri-containerd-" + HEX + "\\.scope"), Pattern.compile(":cri-containerd:" + HEX));
  private static final Pattern CRIO = Pattern.compile("(?<!conmon-)crio-" + HEX + "\\.scope");
  private static final Pattern KUBEPODS_CGROUPFS = Pattern.compile("/kubepods(?:/[^/]+)?/pod[0-9a-f-]{36}/" + HEX);
  private static final Pattern PODMAN = Pattern.compile("(?<!conmon-)libpod-" + HEX + "(?:\\.scope)?(?:/|$)");
  private static final Pattern DOCKER_SYSTEMD = Pattern.compile("docker-" + HEX + "\\.scope");
  private static final Pattern DOCKER_CGROUPFS = Pattern.compile("/docker/" + HEX);

  public ContainerRef {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(id, "id");
  }

  /** The short id Docker and Podman print (12 characters). */
  public String shortId() {
    return id.substring(0, Math.min(12, id.length()));
  }

  /**
   * The container named by a {@code cgroup} file's text: the last match on any line (Docker in Docker
   * nests), empty for a host process.
   */
  public static Optional<ContainerRef> fromCgroup(String cgroupText) {
    ContainerRef found = null;
    for (String line : cgroupText.split("\n")) {
      int second = line.indexOf(':', line.indexOf(':') + 1);
      if (second < 0) {
        continue;
      }
      ContainerRef ref = fromPath(line.substring(second + 1).strip());
      if (ref != null) {
        found = ref;
      }
    }
    return Optional.ofNullable(found);
  }

  private static @Nullable ContainerRef fromPath(String path) {
    String pod = null;
    Matcher podMatch = POD.matcher(path);
    if (podMatch.find()) {
      pod = podMatch.group(1).replace('_', '-');
    }
    for (Pattern p : CRI_CONTAINERD) {
      String id = last(p, path);
      if (id != null) {
        return new ContainerRef("kubernetes (containerd)", id, pod);
      }
    }
    String id = last(CRIO, path);
    if (id != null) {
      return new ContainerRef("kubernetes (cri-o)", id, pod);
    }
    id = last(KUBEPODS_CGROUPFS, path);
    if (id != null) {
      return new ContainerRef("kubernetes", id, pod);
    }
    id = last(PODMAN, path);
    if (id != null) {
      return new ContainerRef("podman", id, null);
    }
    id = last(DOCKER_SYSTEMD, path);
    if (id == null) {
      id = last(DOCKER_CGROUPFS, path);
    }
    return id == null ? null : new ContainerRef(pod != null ? "kubernetes" : "docker", id, pod);
  }

  private static @Nullable String last(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    String found = null;
    while (m.find()) {
      found = m.group(1);
    }
    return found;
  }

  /** {@code docker container 0123456789ab}. */
  public String describe() {
    return runtime + " container " + shortId() + (podUid != null ? " (pod " + podUid + ")" : "");
  }
}
