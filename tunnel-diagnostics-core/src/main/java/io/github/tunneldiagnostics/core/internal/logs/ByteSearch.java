package io.github.tunneldiagnostics.core.internal.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches a line's bytes eight at a time: the classifier looks at every request line of a debug log, and
 * a byte-by-byte loop over each URL costs more than the rest of the line's handling.
 */
final class ByteSearch {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** {@code " cfRay="} as the low seven bytes of a little-endian long. */
  private static final long CF_RAY = 0x3D796152666320L;
  private static final long SEVEN_BYTES = 0x00FFFFFFFFFFFFFFL;

  private ByteSearch() {}

  /** {@code buf[at, end)} starts with {@code " cfRay="}, the field that follows a request line's text. */
  static boolean isCfRay(byte[] buf, int at, int end) {
    if (end - at < 7) {
      return false;
    }
    if (at + 8 > buf.length) {
      return buf[at] == ' ' && buf[at + 1] == 'c' && buf[at + 2] == 'f' && buf[at + 3] == 'R' && buf[at + 4] == 'a'
          && buf[at + 5] == 'y' && buf[at + 6] == '=';
    }
    return ((long) LONGS.get(buf, at) & SEVEN_BYTES) == CF_RAY;
  }

  /** The index of the first {@code b} in {@code buf[from, to)}, or -1. */
  static int indexOf(byte[] buf, byte b, int from, int to) {
    long pattern = (b & 0xFFL) * ONES;
    int i = from;
    while (i + 8 <= to) {
      long x = (long) LONGS.get(buf, i) ^ pattern; // a zero byte where buf holds b
      long found = (x - ONES) & ~x & HIGH_BITS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3); // the lowest flagged byte is exact
      }
      i += 8;
    }
    for (; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
