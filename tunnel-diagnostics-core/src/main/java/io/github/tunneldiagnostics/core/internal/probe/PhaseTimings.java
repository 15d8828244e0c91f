package io.github.tunneldiagnostics.core.internal.probe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** How long each phase of one route's probe took; confined to the thread probing that route. */
final class PhaseTimings {
  private @Nullable Duration resolve;
  private @Nullable Duration connect;
  private @Nullable Duration tls;
  private @Nullable Duration firstByte;

  void resolve(Duration value) {
    resolve = value;
  }

  void connect(Duration value) {
    connect = value;
  }

  void tls(Duration value) {
    tls = value;
  }

  void firstByte(Duration value) {
    firstByte = value;
  }

  /** Evidence entries {@code resolveMs}, {@code connectMs}, {@code tlsMs}, {@code firstByteMs}; "-" when not reached. */
  Map<String, String> evidence() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("resolveMs", millis(resolve));
    map.put("connectMs", millis(connect));
    map.put("tlsMs", millis(tls));
    map.put("firstByteMs", millis(firstByte));
    return map;
  }

  private static String millis(@Nullable Duration value) {
    return value == null ? "-" : Long.toString(value.toMillis());
  }
}
