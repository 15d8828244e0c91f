package io.github.tunneldiagnostics.core.internal.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the listening sockets of this machine's network namespace from {@code /proc/net/tcp},
 * {@code tcp6} and {@code unix}. Best effort: a missing or unreadable file yields no entries, never an
 * error. It never opens a connection, so it never scans ports.
 */
public final class SocketTable {
  private static final Logger LOG = LoggerFactory.getLogger(SocketTable.class);
  private static final String LISTEN = "0A";
  private static final long ACCEPTING = 0x00010000L;
  private static final int MAX_FD_ENTRIES = 100_000;

  private final @Nullable Path netDirectory;

  private SocketTable(@Nullable Path netDirectory) {
    this.netDirectory = netDirectory;
  }

  /** The running system's {@code /proc/net}. */
  public static SocketTable system() {
    return new SocketTable(Path.of("/proc/net"));
  }

  /** A directory laid out like {@code /proc/net} (files {@code tcp}, {@code tcp6}, {@code unix}). */
  public static SocketTable at(Path netDirectory) {
    return new SocketTable(Objects.requireNonNull(netDirectory, "netDirectory"));
  }

  /** A table that knows nothing, for systems without {@code /proc}. */
  public static SocketTable none() {
    return new SocketTable(null);
  }

  /** Reads the tables now. */
  public Snapshot read() {
    if (netDirectory == null) {
      return new Snapshot(List.of(), List.of(), false);
    }
    List<TcpListener> tcp = new ArrayList<>();
    boolean any = readTcp(netDirectory.resolve("tcp"), false, tcp);
    any |= readTcp(netDirectory.resolve("tcp6"), true, tcp);
    List<String> unix = new ArrayList<>();
    any |= readUnix(netDirectory.resolve("unix"), unix);
    return new Snapshot(tcp, unix, any);
  }

  private static boolean readTcp(Path file, boolean six, List<TcpListener> into) {
    List<String> lines = lines(file);
    if (lines == null) {
      return false;
    }
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 4 || !fields[3].equalsIgnoreCase(LISTEN)) {
        continue;
      }
      try {
        TcpListener listener = parseLocal(fields[1], six);
        long inode = fields.length > 9 ? parseInode(fields[9]) : 0;
        into.add(new TcpListener(listener.address(), listener.port(), six, inode));
      } catch (RuntimeException | UnknownHostException e) {
        LOG.debug("skipping unparseable line in {}: {}", file, line);
      }
    }
    return true;
  }

  static TcpListener parseLocal(String local, boolean six) throws UnknownHostException {
    int colon = local.indexOf(':');
    String hex = local.substring(0, colon);
    int port = Integer.parseInt(local.substring(colon + 1), 16);
    byte[] raw = new byte[hex.length() / 2];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    // the kernel prints each 32-bit word in host byte order
    if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
      for (int word = 0; word < raw.length; word += 4) {
        for (int k = 0; k < 2; k++) {
          byte swap = raw[word + k];
          raw[word + k] = raw[word + 3 - k];
          raw[word + 3 - k] = swap;
        }
      }
    }
    return new TcpListener(InetAddress.getByAddress(raw), port, six);
  }

  private static long parseInode(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The processes owning these listeners, as {@code name (pid N)}, found through the
   * {@code socket:[inode]} links in {@code /proc/<pid>/fd}. Best effort: processes of other users are
   * invisible without privileges, and the scan stops after {@value #MAX_FD_ENTRIES} entries.
   */
  public Map<TcpListener, String> owners(Collection<TcpListener> listeners) {
    Map<TcpListener, String> owners = new LinkedHashMap<>();
    if (netDirectory == null || netDirectory.getParent() == null) {
      return owners;
    }
    Map<String, TcpListener> wanted = new HashMap<>();
    for (TcpListener listener : listeners) {
      if (listener.inode() != 0) {
        wanted.put("socket:[" + listener.inode() + "]", listener);
      }
    }
    if (wanted.isEmpty()) {
      return owners;
    }
    int scanned = 0;
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(netDirectory.getParent(), "[0-9]*")) {
      for (Path process : processes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
          for (Path fd : fds) {
            if (++scanned > MAX_FD_ENTRIES) {
              return owners;
            }
            TcpListener match = wanted.get(readLink(fd));
            if (match != null && !owners.containsKey(match)) {
              owners.put(match, processName(process) + " (pid " + process.getFileName() + ")");
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
      LOG.debug("cannot list processes under {}: {}", netDirectory.getParent(), e.toString());
    }
    return owners;
  }

  private static String readLink(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return "";
    }
  }

  private static String processName(Path process) {
    try {
      return Files.readString(process.resolve("comm"), StandardCharsets.ISO_8859_1).trim();
    } catch (IOException | SecurityException e) {
      return "a process";
    }
  }

  private static boolean readUnix(Path file, List<String> into) {
    List<String> lines = lines(file);
    if (lines == null) {
      return false;
    }
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] fields = line.trim().split("\\s+", 8);
      if (fields.length < 8) {
        continue;
      }
      try {
        long flags = Long.parseLong(fields[3], 16);
        if ((flags & ACCEPTING) != 0) {
          into.add(fields[7]);
        }
      } catch (NumberFormatException e) {
        LOG.debug("skipping unparseable line in {}: {}", file, line);
      }
    }
    return true;
  }

  private static @Nullable List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    } catch (IOException | SecurityException e) {
      LOG.debug("cannot read {}: {}", file, e.toString());
      return null;
    }
  }

  /**
   * What listened when the table was read.
   *
   * @param tcp the TCP listeners (IPv4 and IPv6)
   * @param unixPaths the paths of listening unix stream sockets ({@code @name} for abstract ones)
   * @param available false when no table could be read (not Linux, or no access)
   */
  public record Snapshot(List<TcpListener> tcp, List<String> unixPaths, boolean available) {
    public Snapshot {
      tcp = List.copyOf(tcp);
      unixPaths = List.copyOf(unixPaths);
    }

    /** The listeners on {@code port}, any address. */
    public List<TcpListener> onPort(int port) {
      return tcp.stream().filter(l -> l.port() == port).distinct().toList();
    }
  }
}
