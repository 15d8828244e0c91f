package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.check.Resolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves localhost to 127.0.0.1 and refuses every other name: tests never look up real names. */
final class LoopbackResolver implements Resolver {
  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    if (host.equals("localhost") || host.startsWith("127.")) {
      return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
    }
    throw new UnknownHostException(host + ": not resolvable in tests");
  }
}
