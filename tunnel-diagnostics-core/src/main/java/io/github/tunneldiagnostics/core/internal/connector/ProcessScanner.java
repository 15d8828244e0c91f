package io.github.tunneldiagnostics.core.internal.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Finds running cloudflared processes in a {@code /proc}-like directory, read-only and best effort:
 * unreadable entries are skipped. Reads {@code cmdline} and the names in {@code environ}; never keeps a
 * token or any other value of the environment.
 */
public final class ProcessScanner {
  private static final int MAX_FILE = 1 << 20;

  private final Path procRoot;

  /** A scanner over {@code procRoot}, normally {@code /proc}; tests pass a fake tree. */
  public ProcessScanner(Path procRoot) {
    this.procRoot = procRoot;
  }

  /** The cloudflared processes, by pid. */
  public List<ConnectorProcess> scan() {
    List<ConnectorProcess> found = new ArrayList<>();
    if (!Files.isDirectory(procRoot)) {
      return found;
    }
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 12) {
          pids.add(Long.parseLong(name));
        }
      }
    } catch (IOException | RuntimeException e) {
      return found;
    }
    pids.sort(Long::compare);
    for (long pid : pids) {
      ConnectorProcess process = read(pid);
      if (process != null) {
        found.add(process);
      }
    }
    return found;
  }

  private @Nullable ConnectorProcess read(long pid) {
    Path dir = procRoot.resolve(Long.toString(pid));
    byte[] cmdline = readSmall(dir.resolve("cmdline"));
    if (!isCloudflared(firstArgument(cmdline))) {
      return null; // decoded no further: other programs' command lines (a JVM's class path) can be long
    }
    List<String> args = nulSeparated(cmdline);
    String metrics = null;
    String config = null;
    String tunnel = null;
    boolean token = false;
    boolean tokenFile = false;
    boolean afterRun = false;
    for (int i = 1; i < args.size(); i++) {
      String arg = args.get(i);
      String flag = arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-") ? arg.substring(1) : null;
      if (flag != null) {
        String key = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag;
        String inline = flag.contains("=") ? flag.substring(flag.indexOf('=') + 1) : null;
        switch (key) {
          case "metrics":
            metrics = inline != null ? inline : next(args, i);
            break;
          case "config":
            config = inline != null ? inline : next(args, i);
            break;
          case "token":
            token = true;
            break;
          case "token-file":
            tokenFile = true;
            break;
          default:
            break;
        }
        if (inline == null && takesValue(key) && i + 1 < args.size()) {
          i++; // skip the value, never looked at for secrets
        }
        continue;
      }
      if (arg.equals("run")) {
        afterRun = true;
      } else if (afterRun && tunnel == null) {
        tunnel = arg;
      }
    }
    TreeSet<String> names = new TreeSet<>();
    for (String name : environmentNames(dir.resolve("environ"))) {
      String upper = name.toUpperCase(Locale.ROOT);
      if (upper.startsWith("TUNNEL_") || upper.equals("HTTP_PROXY") || upper.equals("HTTPS_PROXY") || upper.equals("NO_PROXY") || upper.equals("ALL_PROXY")) {
        names.add(name);
      }
    }
    return new ConnectorProcess(pid, metrics, config, tunnel, token, tokenFile, names.contains("TUNNEL_TOKEN"), new ArrayList<>(names));
  }

  private static boolean takesValue(String flag) {
    return !(flag.equals("no-autoupdate") || flag.equals("hello-world") || flag.equals("bastion") || flag.equals("no-tls-verify")
        || flag.equals("proxy-no-happy-eyeballs") || flag.equals("no-chunked-encoding") || flag.equals("http2-origin")
        || flag.equals("post-quantum") || flag.equals("quick-service") || flag.equals("no-prechecks"));
  }

  private static @Nullable String next(List<String> args, int i) {
    return i + 1 < args.size() ? args.get(i + 1) : null;
  }

  private static boolean isCloudflared(String argv0) {
    String base = argv0.substring(argv0.lastIndexOf('/') + 1);
    return base.startsWith("cloudflared");
  }

  /** The names in an {@code environ} file; the values are never decoded. */
  private static List<String> environmentNames(Path file) {
    List<String> names = new ArrayList<>();
    byte[] bytes = readSmall(file);
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != 0) {
        end++;
      }
      int eq = start;
      while (eq < end && bytes[eq] != '=') {
        eq++;
      }
      if (eq > start) {
        names.add(new String(bytes, start, eq - start, StandardCharsets.UTF_8));
      }
      java.util.Arrays.fill(bytes, start, end, (byte) 0); // do not keep values around
      start = end + 1;
    }
    return names;
  }

  private static byte[] readSmall(Path file) {
    try {
      if (Files.size(file) > MAX_FILE) {
        return new byte[0];
      }
      return Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      return new byte[0];
    }
  }

  /** argv[0] of a {@code cmdline} file's bytes; empty when there is none. */
  private static String firstArgument(byte[] cmdline) {
    int end = 0;
    while (end < cmdline.length && cmdline[end] != 0) {
      end++;
    }
    return new String(cmdline, 0, end, StandardCharsets.UTF_8);
  }

  private static List<String> nulSeparated(byte[] bytes) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == 0) {
        if (i > start) {
          parts.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        }
        start = i + 1;
      }
    }
    return parts;
  }
}
