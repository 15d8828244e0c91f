package io.github.tunneldiagnostics.core.internal.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Turns byte ranges into Strings, decoding each distinct value once: logs repeat the same few error
 * texts, services and hosts millions of times, and the same String instance then also hashes and compares
 * for free downstream. Bounded: when the table fills up it starts over.
 */
final class ByteInterner {
  private static final int PROBES = 8;
  /** Longer values are not kept (memory stays bounded whatever the log holds). */
  private static final int MAX_KEY = 512;
  private static final int MAX_VALUE = 4096;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
    if (e - s > MAX_KEY) {
      return clip(escaped ? FieldValue.unescape(b, s, e) : new String(b, s, e - s, java.nio.charset.StandardCharsets.UTF_8));
    }
    int h = hash(b, s, e);
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

  /** Keeps the head and the tail of a huge value: the Go error's cause is at its end. */
  private static String clip(String value) {
    if (value.length() <= MAX_VALUE) {
      return value;
    }
    return value.substring(0, MAX_VALUE / 2) + "…" + value.substring(value.length() - MAX_VALUE / 2);
  }

  /** A fast hash over eight bytes at a time (the values are long error texts). */
  static int hash(byte[] b, int s, int e) {
    long h = 0x9E3779B97F4A7C15L ^ (e - s);
    int i = s;
    for (; i + 8 <= e; i += 8) {
      h = Long.rotateLeft((h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L, 29);
    }
    for (; i < e; i++) {
      h = (h ^ b[i]) * 0x100000001B3L;
    }
    h ^= h >>> 31;
    return (int) (h ^ (h >>> 32));
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
