package io.github.tunneldiagnostics.core.internal.vantage;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A network namespace's IPv4 addresses, connected subnets and default gateway, from {@code
 * /proc/<pid>/net/fib_trie} and {@code route} (containers.md §2.5). Readable without privileges.
 *
 * @param addresses the local addresses ({@code /32 host LOCAL} leaves), loopback included
 * @param subnets the connected subnets ({@code route} rows with gateway 0), as {@code 10.213.0.0/24 eth0}
 * @param gateway the default gateway, or null
 * @param readable false when neither file could be read
 */
public record NetworkView(List<InetAddress> addresses, List<Subnet> subnets, @Nullable InetAddress gateway, boolean readable) {

  public NetworkView {
    addresses = List.copyOf(addresses);
    subnets = List.copyOf(subnets);
  }

  /** A connected subnet. */
  public record Subnet(InetAddress network, int prefix, String device) {
    /** True when {@code address} lies in this subnet. */
    public boolean contains(InetAddress address) {
      if (!(address instanceof Inet4Address)) {
        return false;
      }
      int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
      return (toInt(address) & mask) == (toInt(network) & mask);
    }

    @Override
    public String toString() {
      return network.getHostAddress() + "/" + prefix + " " + device;
    }
  }

  /** Reads {@code netDir} ({@code /proc/<pid>/net}). */
  public static NetworkView read(Path netDir) {
    String route = null;
    String trie = null;
    try {
      route = ProcFiles.text(netDir.resolve("route"));
    } catch (IOException | SecurityException e) {
      // stays null
    }
    try {
      trie = ProcFiles.text(netDir.resolve("fib_trie"));
    } catch (IOException | SecurityException e) {
      // stays null
    }
    return parse(route, trie);
  }

  /** Parses the text of {@code route} and {@code fib_trie}; either may be null. */
  public static NetworkView parse(@Nullable String route, @Nullable String fibTrie) {
    List<Subnet> subnets = new ArrayList<>();
    InetAddress gateway = null;
    if (route != null) {
      String[] lines = route.split("\n");
      for (int i = 1; i < lines.length; i++) {
        String[] f = lines[i].strip().split("\\s+");
        if (f.length < 8) {
          continue;
        }
        try {
          InetAddress destination = littleEndian(f[1]);
          InetAddress via = littleEndian(f[2]);
          InetAddress mask = littleEndian(f[7]);
          int prefix = Integer.bitCount(toInt(mask));
          if (prefix == 0 && toInt(destination) == 0) {
            if (gateway == null && toInt(via) != 0) {
              gateway = via;
            }
          } else if (toInt(via) == 0) {
            subnets.add(new Subnet(destination, prefix, f[0]));
          }
        } catch (RuntimeException | UnknownHostException e) {
          // not a route row
        }
      }
    }
    Set<InetAddress> local = new LinkedHashSet<>();
    if (fibTrie != null) {
      String last = null;
      for (String line : fibTrie.split("\n")) {
        String s = line.strip();
        if (s.startsWith("|-- ")) {
          last = s.substring(4).strip();
        } else if (s.equals("/32 host LOCAL") && last != null) {
          InetAddress a = HostsFile.literalAddress(last);
          if (a != null) {
            local.add(a);
          }
        }
      }
    }
    return new NetworkView(new ArrayList<>(local), subnets, gateway, route != null || fibTrie != null);
  }

  /** The non-loopback local addresses. */
  public List<InetAddress> externalAddresses() {
    return addresses.stream().filter(a -> !a.isLoopbackAddress()).toList();
  }

  /** The connected subnet holding {@code address}, if any. */
  public Optional<Subnet> subnetOf(InetAddress address) {
    return subnets.stream().filter(s -> s.contains(address)).findFirst();
  }

  static InetAddress littleEndian(String hex) throws UnknownHostException {
    long v = Long.parseLong(hex, 16);
    byte[] b = {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    return InetAddress.getByAddress(b);
  }

  static int toInt(InetAddress a) {
    byte[] b = a.getAddress();
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }
}
