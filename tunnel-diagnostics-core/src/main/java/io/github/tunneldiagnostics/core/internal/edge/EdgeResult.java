package io.github.tunneldiagnostics.core.internal.edge;

/** What one edge probe got: a response, or a failure before any response. */
public sealed interface EdgeResult permits EdgeResponse, EdgeFailure {

  /** The address the last attempt went to, e.g. {@code 127.0.0.1:8443}; empty when none was tried. */
  String address();

  /** One line per address tried, e.g. {@code 104.16.1.1:443 connected after 12 ms}. */
  java.util.List<String> attempts();
}
