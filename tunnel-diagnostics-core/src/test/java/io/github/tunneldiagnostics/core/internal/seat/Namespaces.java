package io.github.tunneldiagnostics.core.internal.seat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real namespaces for tests (containers.md §5): a fake cloudflared in its own network and mount
 * namespace, loopback only (no route out), with its own bind-mounted {@code /etc/hosts}. Skips with the
 * exact reason when the privilege is missing; always kills what it started.
 */
final class Namespaces {
  private Namespaces() {}

  /** Why namespace tests cannot run here, or empty when they can. */
  static Optional<String> unavailable() {
    if (!Files.exists(Path.of("/proc/self/ns/net"))) {
      return Optional.of("not Linux: no /proc/self/ns/net");
    }
    Result id = run("id", "-u");
    if (!id.out.strip().equals("0")) {
      return Optional.of("needs root to create network namespaces and enter them with nsenter (id -u is " + id.out.strip() + ")");
    }
    Result unshare = run("unshare", "--net", "--mount", "true");
    if (unshare.exit != 0) {
      return Optional.of("unshare --net --mount not permitted: " + unshare.err.strip());
    }
    if (run("nsenter", "--version").exit != 0) {
      return Optional.of("nsenter (util-linux) is missing");
    }
    if (run("ip", "-V").exit != 0) {
      return Optional.of("ip (iproute2) is missing: it brings up loopback in the test namespace");
    }
    return Optional.empty();
  }

  record Result(int exit, String out, String err) {}

  static Result run(String... command) {
    try {
      Process p = new ProcessBuilder(command).start();
      p.getOutputStream().close();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "", "timed out");
      }
      return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
          new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, "", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "", "interrupted");
    }
  }

  /** A fake cloudflared in its own net+mount namespace; close kills it. */
  static final class Connector implements AutoCloseable {
    final Process process;
    final Path dir;

    private Connector(Process process, Path dir) {
      this.process = process;
      this.dir = dir;
    }

    long pid() {
      return process.pid();
    }

    /**
     * Starts it. {@code dir} must hold {@code hosts} (bind-mounted over its /etc/hosts), {@code config.yml}
     * and {@code config.json} (its /config answer).
     */
    static Connector start(Path dir, String metrics) throws IOException, InterruptedException {
      Path link = dir.resolve("cloudflared");
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, Path.of(ChildJvm.javaExecutable()));
      String script = "ip link set lo up && mount --bind \"$1\"/hosts /etc/hosts"
          + " && { [ ! -f \"$1\"/resolv.conf ] || mount --bind \"$1\"/resolv.conf /etc/resolv.conf; } && shift && exec \"$@\"";
      List<String> cmd = new ArrayList<>(List.of("unshare", "--net", "--mount", "--propagation", "private", "--", "sh", "-c", script, "sh", dir.toString(),
          link.toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dfake.config=" + dir.resolve("config.json"),
          "-cp", System.getProperty("java.class.path"), FakeCloudflared.class.getName(),
          "tunnel", "--no-autoupdate", "--metrics", metrics, "--config", dir.resolve("config.yml").toString(), "run"));
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (!"ready".equals(line)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        throw new IOException("the fake cloudflared did not start (" + line + ")");
      }
      return new Connector(p, dir);
    }

    @Override
    public void close() throws InterruptedException {
      try {
        process.getOutputStream().close();
      } catch (IOException ignored) {
        // already gone
      }
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
      try {
        Files.deleteIfExists(dir.resolve("cloudflared"));
      } catch (IOException ignored) {
        // the temporary directory goes anyway
      }
    }
  }
}
