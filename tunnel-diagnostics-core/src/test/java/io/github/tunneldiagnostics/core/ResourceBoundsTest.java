package io.github.tunneldiagnostics.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Check;
import io.github.tunneldiagnostics.api.check.CheckContext;
import io.github.tunneldiagnostics.api.check.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a whole diagnosis leaves behind against hostile peers (a refused port, an origin that never answers,
 * one that floods, a connector whose /ready hangs and whose /metrics streams forever, and a custom check that
 * hangs): no thread of its own (named {@link Diagnosis#THREAD_PREFIX}), and no file descriptor, counted in
 * /proc/self/fd before and after. Counts are compared after a first run (class loading opens jar files once)
 * and awaited with a deadline, never slept on.
 */
@EnabledOnOs(OS.LINUX)
class ResourceBoundsTest {
  @TempDir Path temp;
  private final List<ServerSocket> servers = new ArrayList<>();
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (ServerSocket server : servers) {
      server.close();
    }
    for (Socket socket : held) {
      socket.close();
    }
  }

  /** A loopback server whose every connection is handed to {@code handler} on its own daemon thread. */
  private int serve(Consumer<Socket> handler) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    servers.add(server);
    Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          held.add(socket);
          Thread worker = new Thread(() -> {
            try (socket) {
              handler.accept(socket);
            } catch (IOException ignored) {
              // the peer went away
            } finally {
              held.remove(socket);
            }
          }, "fake-peer");
          worker.setDaemon(true);
          worker.start();
        } catch (IOException e) {
          return;
        }
      }
    }, "fake-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    return server.getLocalPort();
  }

  /** Reads until the peer closes: accepts and never answers. */
  private static void silent(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      while (in.read(new byte[4096]) >= 0) {
        // discard
      }
    } catch (IOException ignored) {
      // the peer went away
    }
  }

  /** Answers 200 with a body that never ends, until the peer closes. */
  private static void flood(Socket socket) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = "cloudflared_tunnel_request_errors 1\n".repeat(1000).getBytes(StandardCharsets.ISO_8859_1);
      while (true) {
        out.write(chunk);
      }
    } catch (IOException ignored) {
      // the peer went away
    }
  }

  /** A connector whose /ready hangs and whose /metrics (and everything else) streams forever. */
  private void hostileConnector(Socket socket) {
    try {
      StringBuilder head = new StringBuilder();
      InputStream in = socket.getInputStream();
      int c;
      while ((c = in.read()) >= 0 && !head.toString().endsWith("\r\n\r\n")) {
        head.append((char) c);
      }
      if (head.toString().startsWith("GET /ready")) {
        silent(socket);
      } else {
        flood(socket);
      }
    } catch (IOException ignored) {
      // the peer went away
    }
  }

  private DiagnosisReport diagnose(Path config, int connector) {
    Check hangs = new Check() {
      @Override
      public String id() {
        return "custom.hangs";
      }

      @Override
      public List<Finding> run(CheckContext context) throws InterruptedException {
        Thread.sleep(TimeUnit.HOURS.toMillis(1));
        return List.of();
      }
    };
    return TunnelDiagnostics.forConfig(config).metrics("127.0.0.1:" + connector).check(hangs).timeout(Duration.ofSeconds(2)).diagnose();
  }

  @Test
  void aDiagnosisAgainstHostilePeersLeavesNoThreadAndNoFileDescriptorBehind() throws Exception {
    // given
    Socket refusing = new Socket(); // bound and never listening: refuses, and nobody else can take the port
    refusing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    held.add(refusing);
    int silent = serve(ResourceBoundsTest::silent);
    int flooding = serve(ResourceBoundsTest::flood);
    int connector = serve(this::hostileConnector);
    Path config = Files.writeString(temp.resolve("config.yml"), "ingress:\n"
        + "  - hostname: dead.example.com\n    service: http://127.0.0.1:" + refusing.getLocalPort() + "\n"
        + "  - hostname: slow.example.com\n    service: http://127.0.0.1:" + silent + "\n"
        + "  - hostname: flood.example.com\n    service: http://127.0.0.1:" + flooding + "\n"
        + "  - service: http_status:404\n");
    DiagnosisReport first = diagnose(config, connector); // loads classes and opens jars once
    awaitTrue(() -> held.size() == 1, () -> "fake peers still connected: " + held);
    Set<String> fdsBefore = fileDescriptors();
    Set<Thread> threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());

    // when
    DiagnosisReport second = diagnose(config, connector);
    DiagnosisReport third = diagnose(config, connector);

    // then: no run is HEALTHY (the findings themselves are other tests' subject: how far each run gets before
    // its deadline depends on the machine's load); every thread of the runs ended; every socket closed (the
    // fake peers see EOF and close theirs)
    assertThat(List.of(first.verdict(), second.verdict(), third.verdict())).doesNotContain(io.github.tunneldiagnostics.api.Verdict.HEALTHY);
    awaitTrue(() -> newThreads(threadsBefore).isEmpty(), () -> "threads left: " + newThreads(threadsBefore));
    awaitTrue(() -> held.size() == 1, () -> "fake peers still connected (a probe kept its socket): " + held);
    awaitTrue(() -> difference(fileDescriptors(), fdsBefore).isEmpty(), () -> "file descriptors left: " + difference(fileDescriptors(), fdsBefore));
  }

  private static Set<Thread> newThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(Diagnosis.THREAD_PREFIX) && !before.contains(t))
        .collect(Collectors.toSet());
  }

  /** Each open descriptor as {@code fd -> target}, e.g. {@code 57 -> socket:[123456]}. */
  private static Set<String> fileDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      Set<String> out = new HashSet<>();
      for (Path fd : fds.toList()) {
        try {
          out.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
        } catch (IOException e) {
          // the descriptor of the listing itself, closed meanwhile
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> difference(Set<String> after, Set<String> before) {
    Set<String> left = new HashSet<>(after);
    left.removeAll(before);
    left.removeIf(fd -> !fd.contains("socket:") && !fd.contains("pipe:") && !fd.contains("anon_inode"));
    return left;
  }

  /** Polls {@code condition} until it holds, failing with {@code what} after 15 s (a deadline, not a sleep to race). */
  private static void awaitTrue(Supplier<Boolean> condition, Supplier<String> what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.get()) {
      if (System.nanoTime() > end) {
        throw new AssertionError(what.get());
      }
      Thread.sleep(10);
    }
  }
}
