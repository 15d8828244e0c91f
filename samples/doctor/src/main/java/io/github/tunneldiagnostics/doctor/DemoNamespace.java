package io.github.tunneldiagnostics.doctor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The demo's headline case: a stand-in cloudflared ({@link DemoConnector}) in its own network and mount
 * namespace, loopback only and with no route out, as a container would have it; needs root,
 * {@code unshare}, {@code nsenter} and {@code ip}. Closing it ends the process (and so the namespace).
 */
final class DemoNamespace implements AutoCloseable {
  private final Process process;
  private final Path link;

  private DemoNamespace(Process process, Path link) {
    this.process = process;
    this.link = link;
  }

  /** Why the headline case cannot run here, in a few words; empty when it can. */
  static Optional<String> unavailable() {
    if (!Files.exists(Path.of("/proc/self/ns/net"))) {
      return Optional.of("it needs Linux network namespaces");
    }
    String uid = run("id", "-u");
    if (uid == null || !uid.strip().equals("0")) {
      return Optional.of("it needs root to create a network namespace (run the demo with sudo to see it)");
    }
    if (run("unshare", "--net", "--mount", "true") == null) {
      return Optional.of("unshare --net --mount is not permitted here");
    }
    if (run("nsenter", "--version") == null) {
      return Optional.of("nsenter (util-linux) is not installed");
    }
    if (run("ip", "-V") == null) {
      return Optional.of("ip (iproute2) is not installed");
    }
    return Optional.empty();
  }

  private static @Nullable String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Starts the stand-in with {@code config} as its {@code --config}; its /etc/hosts is {@code directory/hosts}. */
  static DemoNamespace start(Path directory, Path config) throws IOException {
    Files.writeString(directory.resolve("hosts"), "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n", StandardCharsets.UTF_8);
    Path link = directory.resolve("cloudflared");
    Files.deleteIfExists(link);
    String java = ProcessHandle.current().info().command().filter(c -> c.endsWith("/java"))
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Files.createSymbolicLink(link, Path.of(java));
    String script = "ip link set lo up && mount --bind \"$1\"/hosts /etc/hosts && shift && exec \"$@\"";
    List<String> cmd = new ArrayList<>(List.of("unshare", "--net", "--mount", "--propagation", "private", "--", "sh", "-c", script, "sh",
        directory.toString(), link.toString(), "-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath(),
        DemoConnector.class.getName(), "tunnel", "--no-autoupdate", "--metrics", "0.0.0.0:20241", "--config", config.toString(), "run"));
    Process process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    DemoNamespace started = new DemoNamespace(process, link);
    String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    if (!"ready".equals(line)) {
      started.close();
      throw new IOException("the stand-in cloudflared did not start in its namespace");
    }
    return started;
  }

  private static String classPath() {
    try {
      return Path.of(DemoConnector.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException | RuntimeException e) {
      return System.getProperty("java.class.path");
    }
  }

  /** The stand-in's process id (its namespaces are /proc/PID/ns/*). */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(link);
    } catch (IOException ignored) {
      // the demo directory goes anyway
    }
  }
}
