package io.github.tunneldiagnostics.core.internal.probe;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which address Go's {@code net.Dialer} ends up using, and which error it reports, given the outcome of
 * a connect to each resolved address (Go {@code net/dial.go}).
 *
 * <p>With happy eyeballs (cloudflared's default) the addresses are split by family: the primary family
 * is the family of the first address, the other one is the fallback, started 300 ms later or as soon as
 * the primary fails. Each family is dialed serially, in order. When everything fails, Go reports the
 * primary family's first error. With {@code noHappyEyeballs: true} all addresses are dialed serially in
 * resolver order (Go still tries every address) and the first error is reported.
 */
final class GoDialModel {
  private GoDialModel() {}

  /**
   * What Go would do.
   *
   * @param chosen the attempt whose connection Go would use, if any
   * @param reported the attempt whose error Go reports when nothing connected (else the chosen one)
   * @param primaryFamily {@code IPv4} or {@code IPv6}
   * @param order the addresses in the order Go tries them
   */
  record Outcome(Optional<DialAttempt> chosen, DialAttempt reported, String primaryFamily, List<DialAttempt> order) {}

  static Outcome simulate(List<DialAttempt> attempts, boolean noHappyEyeballs) {
    if (attempts.isEmpty()) {
      throw new IllegalArgumentException("no dial attempts");
    }
    boolean primaryV4 = attempts.get(0).address() instanceof Inet4Address;
    List<DialAttempt> order = new ArrayList<>();
    if (noHappyEyeballs) {
      order.addAll(attempts);
    } else {
      attempts.stream().filter(a -> (a.address() instanceof Inet4Address) == primaryV4).forEach(order::add);
      attempts.stream().filter(a -> (a.address() instanceof Inet4Address) != primaryV4).forEach(order::add);
    }
    Optional<DialAttempt> chosen = order.stream().filter(DialAttempt::connected).findFirst();
    DialAttempt reported = chosen.orElse(order.get(0));
    return new Outcome(chosen, reported, primaryV4 ? "IPv4" : "IPv6", List.copyOf(order));
  }
}
