package io.github.tunneldiagnostics.core.logs;

import java.util.Arrays;

/**
 * Turns byte ranges into Strings, decoding each distinct value once: logs repeat the same few error
 * texts, services and hosts millions of times, and the same String instance then also hashes and compares
 * for free downstream. Bounded: when the table fills up it starts over.
 */
final class ByteInterner {
  private static final int PROBES = 8;

  private final int mask;
  private final int[] hashes;
  private final byte[][] keys;
  private final String[] values;
  private int size;

  ByteInterner(int capacityPowerOfTwo) {
    this.mask = capacityPowerOfTwo - 1;
    this.hashes = new int[capacityPowerOfTwo];
    this.keys = new byte[capacityPowerOfTwo][];
    this.values = new String[capacityPowerOfTwo];
  }

  String intern(byte[] b, int s, int e, boolean escaped) {
    int h = 1;
    for (int i = s; i < e; i++) {
      h = 31 * h + b[i];
    }
    h ^= h >>> 16;
    for (int probe = 0; probe < PROBES; probe++) {
      int slot = (h + probe) & mask;
      byte[] key = keys[slot];
      if (key == null) {
        return insert(slot, h, b, s, e, escaped);
      }
      if (hashes[slot] == h && Arrays.equals(key, 0, key.length, b, s, e)) {
        return values[slot];
      }
    }
    if (size > (mask + 1) / 2) {
      Arrays.fill(keys, null);
      Arrays.fill(values, null);
      size = 0;
    }
    int slot = h & mask;
    return insert(slot, h, b, s, e, escaped);
  }

  private String insert(int slot, int h, byte[] b, int s, int e, boolean escaped) {
    String value = escaped ? FieldValue.unescape(b, s, e) : new String(b, s, e - s, java.nio.charset.StandardCharsets.UTF_8);
    if (keys[slot] == null) {
      size++;
    }
    hashes[slot] = h;
    keys[slot] = Arrays.copyOfRange(b, s, e);
    values[slot] = value;
    return value;
  }
}
