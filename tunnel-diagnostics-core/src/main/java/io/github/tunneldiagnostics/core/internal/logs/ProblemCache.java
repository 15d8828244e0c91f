package io.github.tunneldiagnostics.core.internal.logs;

/**
 * Remembers which (message, error) pairs of WRN/ERR lines name no known problem, so that the same line
 * repeated a million times is matched against the needles once. Keys are interned strings, compared by
 * identity; direct-mapped and bounded.
 */
final class ProblemCache {
  private static final int SIZE = 256;
  private final String[] messages = new String[SIZE];
  private final String[] errors = new String[SIZE];

  @SuppressWarnings("ReferenceEquality") // interned keys: identity is the point (see the class comment)
  boolean isNothing(String message, String error) {
    int slot = slot(message, error);
    return messages[slot] == message && errors[slot] == error;
  }

  void rememberNothing(String message, String error) {
    int slot = slot(message, error);
    messages[slot] = message;
    errors[slot] = error;
  }

  private static int slot(String message, String error) {
    return (System.identityHashCode(message) * 31 + System.identityHashCode(error)) & (SIZE - 1);
  }
}
