package io.github.tunneldiagnostics.doctor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} in headless mode, for tests that look at a page the way a person's browser
 * shows it. Each run gets a fresh profile and every background service off, so it never goes on the
 * network; a file:// page is all it opens. {@link #require(Path)} skips the test, with the reason, where
 * no chromium is installed ({@code .ci/run} installs it).
 */
final class HeadlessChromium {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
  private static final long TIMEOUT_SECONDS = 60;

  private final Path binary;
  private final Path profiles;

  private HeadlessChromium(Path binary, Path profiles) {
    this.binary = binary;
    this.profiles = profiles;
  }

  /** The installed browser; skips the calling test when there is none. */
  static HeadlessChromium require(Path workDir) {
    Optional<Path> binary = find();
    assumeTrue(binary.isPresent(), "no headless browser: none of " + NAMES + " is on the PATH (apt-get install -y chromium; .ci/run does it)");
    return new HeadlessChromium(binary.get(), workDir);
  }

  private static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String name : NAMES) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** What the browser made of a page: its DOM once loaded and laid out, and a screenshot of its top. */
  record Rendered(String dom, Path screenshot) {}

  /** Opens the page once; the DOM serialised and a PNG of its first {@code width}×{@code height} pixels. */
  Rendered render(Path page, int width, int height) throws IOException, InterruptedException {
    Path png = profiles.resolve("screenshot-" + System.nanoTime() + ".png");
    String dom = run(page, "--dump-dom", "--window-size=" + width + "," + height, "--screenshot=" + png, "--hide-scrollbars");
    return new Rendered(dom, png);
  }

  private String run(Path page, String... extra) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(profiles, "chromium-profile");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--user-data-dir=" + profile));
    command.addAll(List.of(extra));
    command.add(page.toUri().toString());
    Path stderr = profiles.resolve("chromium-" + System.nanoTime() + ".err");
    Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("chromium exited with " + process.exitValue() + ": " + Files.readString(stderr));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
