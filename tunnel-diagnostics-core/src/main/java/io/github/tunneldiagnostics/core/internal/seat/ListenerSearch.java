package io.github.tunneldiagnostics.core.internal.seat;

import io.github.tunneldiagnostics.core.internal.probe.SocketTable;
import io.github.tunneldiagnostics.core.internal.probe.TcpListener;
import io.github.tunneldiagnostics.core.internal.vantage.ContainerRef;
import io.github.tunneldiagnostics.core.internal.vantage.NamespaceId;
import io.github.tunneldiagnostics.core.internal.vantage.NetworkView;
import io.github.tunneldiagnostics.core.internal.vantage.ProcFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a port listens, in every network namespace on this machine (containers.md §2.6): one
 * representative process per {@code ns/net}, its {@code net/tcp{,6}} read for LISTEN sockets on the
 * port, owners found through <code>/proc/*&#47;fd</code>. Socket tables only: nothing is ever connected to.
 * Without privileges only this process's own namespace is seen.
 */
final class ListenerSearch {
  private static final int MAX_PROCESSES = 100_000;

  /** Where a namespace sits relative to the connector. */
  enum Place {
    /** This host's own namespace (the doctor's). */
    HOST,
    /** The connector's namespace. */
    CONNECTOR,
    /** Another namespace: another container. */
    OTHER
  }

  /**
   * A listener found.
   *
   * @param listener the socket
   * @param place whose namespace
   * @param netns the namespace, or null when only the own table was read
   * @param container the container of that namespace, or null
   * @param owner {@code name (pid N)} or empty
   * @param network that namespace's addresses and subnets
   */
  record Hit(TcpListener listener, Place place, @Nullable NamespaceId netns, @Nullable ContainerRef container, String owner, NetworkView network) {
    String where() {
      return switch (place) {
        case HOST -> "on this host";
        case CONNECTOR -> "inside cloudflared's namespace";
        case OTHER -> container != null ? "in " + container.describe() : "in network namespace " + netns;
      };
    }
  }

  private final Path procRoot;

  ListenerSearch(Path procRoot) {
    this.procRoot = procRoot;
  }

  /** Every listener on {@code port}, host first. */
  List<Hit> find(int port, @Nullable NamespaceId connector) {
    Map<NamespaceId, Long> namespaces = new LinkedHashMap<>();
    NamespaceId own = null;
    try {
      own = NamespaceId.of(procRoot.resolve("self/ns/net"));
    } catch (IOException | SecurityException e) {
      // unknown
    }
    int seen = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, "[0-9]*")) {
      for (Path dir : dirs) {
        if (++seen > MAX_PROCESSES) {
          break;
        }
        try {
          NamespaceId ns = NamespaceId.of(dir.resolve("ns/net"));
          namespaces.putIfAbsent(ns, Long.parseLong(dir.getFileName().toString()));
        } catch (IOException | SecurityException | NumberFormatException e) {
          // another user's process, or gone
        }
      }
    } catch (IOException | SecurityException e) {
      // no /proc
    }
    List<Hit> hits = new ArrayList<>();
    if (own == null || !namespaces.containsKey(own)) {
      collect(hits, procRoot.resolve("self"), port, Place.HOST, own, null);
    }
    for (Map.Entry<NamespaceId, Long> e : namespaces.entrySet()) {
      Place place = e.getKey().equals(own) ? Place.HOST : e.getKey().equals(connector) ? Place.CONNECTOR : Place.OTHER;
      Path dir = procRoot.resolve(Long.toString(e.getValue()));
      ContainerRef container = null;
      if (place == Place.OTHER) {
        try {
          container = ContainerRef.fromCgroup(ProcFiles.text(dir.resolve("cgroup"))).orElse(null);
        } catch (IOException | SecurityException ex) {
          // unnamed
        }
      }
      collect(hits, dir, port, place, e.getKey(), container);
    }
    hits.sort((a, b) -> a.place().compareTo(b.place()));
    return hits;
  }

  private void collect(List<Hit> hits, Path processDir, int port, Place place, @Nullable NamespaceId ns, @Nullable ContainerRef container) {
    SocketTable table = SocketTable.at(processDir.resolve("net"));
    List<TcpListener> listeners = table.read().onPort(port);
    if (listeners.isEmpty()) {
      return;
    }
    Map<TcpListener, String> owners = owners(procRoot, listeners);
    NetworkView network = NetworkView.read(processDir.resolve("net"));
    for (TcpListener l : listeners) {
      hits.add(new Hit(l, place, ns, container, owners.getOrDefault(l, ""), network));
    }
  }

  /** The processes holding these sockets, {@code name (pid N)}, from the {@code socket:[inode]} links under <code>procRoot/*&#47;fd</code>. */
  static Map<TcpListener, String> owners(Path procRoot, List<TcpListener> listeners) {
    Map<String, TcpListener> wanted = new LinkedHashMap<>();
    for (TcpListener l : listeners) {
      if (l.inode() != 0) {
        wanted.put("socket:[" + l.inode() + "]", l);
      }
    }
    Map<TcpListener, String> owners = new LinkedHashMap<>();
    if (wanted.isEmpty()) {
      return owners;
    }
    int scanned = 0;
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(procRoot, "[0-9]*")) {
      for (Path process : processes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
          for (Path fd : fds) {
            if (++scanned > 1_000_000) {
              return owners;
            }
            String link;
            try {
              link = Files.readSymbolicLink(fd).toString();
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
              continue;
            }
            TcpListener match = wanted.get(link);
            if (match != null && !owners.containsKey(match)) {
              String name;
              try {
                name = ProcFiles.text(process.resolve("comm")).strip();
              } catch (IOException | SecurityException e) {
                name = "a process";
              }
              owners.put(match, name + " (pid " + process.getFileName() + ")");
              if (owners.size() == wanted.size()) {
                return owners;
              }
            }
          }
        } catch (IOException | SecurityException e) {
          // another user's process, or gone
        }
      }
    } catch (IOException | SecurityException e) {
      // no /proc
    }
    return owners;
  }
}
