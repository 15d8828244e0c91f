package io.github.tunneldiagnostics.core.internal.ingress;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable open-addressing hash table from host strings to ascending rule indices, that can look up
 * a suffix of a request host ({@code host.substring(offset)}) without allocating it: the caller passes
 * {@code String.hashCode()} of the suffix, computed right to left over the host.
 */
final class HostTable {
  private final String[] keys;
  private final int[] hashes;
  private final int[][] values;
  private final int mask;
  /** lengthSeen[n] is true when some key has length n (keys of 256 characters or more: the last slot). */
  private final boolean[] lengthSeen = new boolean[257];
  private int maxLength;

  HostTable(Map<String, int[]> entries) {
    int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 3)) << 1;
    keys = new String[capacity];
    hashes = new int[capacity];
    values = new int[capacity][];
    mask = capacity - 1;
    entries.forEach(
        (key, value) -> {
          int hash = key.hashCode();
          int slot = spread(hash) & mask;
          while (keys[slot] != null) {
            slot = (slot + 1) & mask;
          }
          keys[slot] = key;
          hashes[slot] = hash;
          values[slot] = value;
          lengthSeen[Math.min(key.length(), 256)] = true;
          maxLength = Math.max(maxLength, key.length());
        });
  }

  /** The length of the longest key. */
  int maxLength() {
    return maxLength;
  }

  /** True when some key is exactly {@code length} characters long (a cheap filter before hashing). */
  boolean hasLength(int length) {
    return lengthSeen[Math.min(length, 256)];
  }

  /**
   * The indices stored for {@code host.substring(offset)}, or null.
   *
   * @param hash {@code host.substring(offset).hashCode()}
   */
  int @Nullable [] get(String host, int offset, int hash) {
    int length = host.length() - offset;
    int slot = spread(hash) & mask;
    String key;
    while ((key = keys[slot]) != null) {
      if (hashes[slot] == hash && key.length() == length && host.regionMatches(offset, key, 0, length)) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    return null;
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
