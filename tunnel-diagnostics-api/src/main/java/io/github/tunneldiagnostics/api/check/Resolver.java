package io.github.tunneldiagnostics.api.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to addresses, like OkHttp's {@code Dns}. Inject a fake in tests so that no test
 * ever looks up a name outside the machine.
 */
@FunctionalInterface
public interface Resolver {

  /**
   * All addresses of {@code host}, in the order the system resolver returns them.
   *
   * @throws UnknownHostException when the name does not resolve
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The JVM's resolver ({@link InetAddress#getAllByName(String)}). */
  static Resolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
