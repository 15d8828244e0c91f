package io.github.tunneldiagnostics.core.internal.dns;

import io.github.tunneldiagnostics.core.internal.files.BoundedFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cloudflare's published anycast ranges (public-route.md §1.2): a proxied hostname resolves into them.
 * The built-in list ships as {@code cloudflare-ips.txt}; a file in the same format (one range a line,
 * {@code #} comments) may replace it.
 */
public final class CloudflareRanges {
  private static final String RESOURCE = "cloudflare-ips.txt";
  /** Cloudflare publishes about 20 ranges; a file past 1 MiB is not a list of them. */
  private static final long MAX_FILE_BYTES = 1L << 20;

  /** The unroutable address public resolvers answer for a DNS-only {@code <uuid>.cfargotunnel.com}. */
  static final Cidr TUNNEL_PLACEHOLDER = Cidr.parse("fd10:aec2:5dae::/48");

  private final List<Cidr> ranges;
  private final String origin;

  private CloudflareRanges(List<Cidr> ranges, String origin) {
    this.ranges = List.copyOf(ranges);
    this.origin = origin;
  }

  /** The ranges shipped with this library. */
  public static CloudflareRanges builtIn() {
    try (InputStream in = CloudflareRanges.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from tunnel-diagnostics-core");
      }
      return read(new InputStreamReader(in, StandardCharsets.US_ASCII), "built-in list");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in Cloudflare ranges: " + e.getMessage(), e);
    }
  }

  /**
   * The ranges in {@code file}.
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException naming the file and line of a range that does not parse
   */
  public static CloudflareRanges fromFile(Path file) throws IOException {
    byte[] bytes = BoundedFile.read(file, MAX_FILE_BYTES); // refuses a FIFO or device before opening it
    return read(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.US_ASCII), file.toString());
  }

  private static CloudflareRanges read(Reader source, String name) throws IOException {
    List<Cidr> ranges = new ArrayList<>();
    BufferedReader reader = new BufferedReader(source);
    int number = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      try {
        ranges.add(Cidr.parse(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ", line " + number + ": " + e.getMessage(), e);
      }
    }
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException(name + " holds no address range");
    }
    return new CloudflareRanges(ranges, name);
  }

  /** Whether {@code address} is one of Cloudflare's. */
  public boolean contains(InetAddress address) {
    for (Cidr range : ranges) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code address} is the DNS-only tunnel placeholder {@code fd10:aec2:5dae::/48}. */
  static boolean isTunnelPlaceholder(InetAddress address) {
    return TUNNEL_PLACEHOLDER.contains(address);
  }

  @Override
  public String toString() {
    return "CloudflareRanges[" + ranges.size() + " ranges from " + origin + "]";
  }
}
