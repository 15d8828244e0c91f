package io.github.tunneldiagnostics.core.internal.vantage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A process's file system as it sees it, reached from the host through {@code /proc/<pid>/root}. An
 * absolute symlink inside that root points into the <em>process's</em> root, but the kernel follows it
 * from the reader's root: so paths are resolved here component by component, every symlink re-anchored
 * at the root, at most {@value #MAX_HOPS} hops, never above the root (containers.md §2.4).
 */
public final class ContainerRoot {
  static final int MAX_HOPS = 40;

  private final Path root;

  /** The root of a process ({@code /proc/<pid>/root}), or {@code /} for this machine's own view. */
  public ContainerRoot(Path root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  public Path root() {
    return root;
  }

  /**
   * The host path of {@code path} as the process sees it (absolute, or relative to its root), with
   * every symlink resolved inside the root; empty when a link loop or more than {@value #MAX_HOPS}
   * hops. The file itself need not exist.
   */
  public Optional<Path> resolve(String path) {
    Deque<String> pending = new ArrayDeque<>(components(path));
    List<String> resolved = new ArrayList<>();
    int hops = 0;
    while (!pending.isEmpty()) {
      String part = pending.pollFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      Path candidate = under(resolved).resolve(part);
      if (Files.isSymbolicLink(candidate)) {
        if (++hops > MAX_HOPS) {
          return Optional.empty();
        }
        String target;
        try {
          target = Files.readSymbolicLink(candidate).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
          return Optional.empty();
        }
        if (target.startsWith("/")) {
          resolved.clear();
        }
        List<String> targetParts = components(target);
        for (int i = targetParts.size() - 1; i >= 0; i--) {
          pending.addFirst(targetParts.get(i));
        }
        continue;
      }
      resolved.add(part);
    }
    return Optional.of(under(resolved));
  }

  private Path under(List<String> parts) {
    Path p = root;
    for (String part : parts) {
      p = p.resolve(part);
    }
    return p;
  }

  private static List<String> components(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }

  /** The text of the process's file {@code path} within {@code maxBytes}, if it exists and is readable. */
  public Optional<String> readText(String path, int maxBytes) {
    Optional<Path> file = resolve(path);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(ProcFiles.read(file.get(), maxBytes), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
