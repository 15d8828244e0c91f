package io.github.tunneldiagnostics.core.internal.logs;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The requests cloudflared started and has not yet answered, by cf-ray, as its debug lines show them
 * ({@code DBG GET https://host/path HTTP/1.1 cfRay=…} when a request arrives, {@code DBG 200 OK cfRay=…}
 * when the origin answers), so that a request that fails later ({@code Incoming request ended abruptly:
 * context canceled}) can be joined to its start: what was asked, and how long cloudflared waited.
 *
 * <p>Bounded, whatever the log: at most {@value #CAPACITY} requests are remembered, in a ring; when it is
 * full the oldest is forgotten, and if it was still unanswered that is counted ({@link #dropped}), so a
 * report can say how many joins the bound may have cost. A request that failed for another reason is
 * forgotten at its error line. No allocation per line: the ray is kept as a number, the request text in a
 * fixed slot of {@value #TEXT} bytes.
 */
final class PendingRequests {
  static final int CAPACITY = 8192;
  static final int TEXT = 160;
  private static final int TIME = 40;
  private static final int TABLE = CAPACITY * 2;
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** The ray of each ring slot; 0 when the slot is empty or answered. */
  private final long[] rays = new long[CAPACITY];
  private final byte[] times = new byte[CAPACITY * TIME];
  private final int[] timeLength = new int[CAPACITY];
  private final byte[] text = new byte[CAPACITY * TEXT];
  private final int[] textLength = new int[CAPACITY];
  /** Open addressing (linear probing) from ray to ring slot + 1; 0 is empty. */
  private final long[] tableRays = new long[TABLE];
  private final int[] tableSlots = new int[TABLE];
  private int next;
  private long dropped;
  private long seen;

  /** A request that started: {@code ray} (not 0), its time {@code buf[timeStart, timeEnd)} and its text. */
  void started(long ray, byte[] buf, int timeStart, int timeEnd, int textStart, int textEnd) {
    seen++;
    int slot = next;
    next = (next + 1) & (CAPACITY - 1);
    long old = rays[slot];
    if (old != 0) {
      remove(old); // the oldest remembered request, never answered in CAPACITY requests
      dropped++;
    }
    remove(ray); // a repeated ray: the later request wins
    rays[slot] = ray;
    int t = Math.min(TIME, timeEnd - timeStart);
    System.arraycopy(buf, timeStart, times, slot * TIME, t);
    timeLength[slot] = t;
    int n = Math.min(TEXT, textEnd - textStart);
    System.arraycopy(buf, textStart, text, slot * TEXT, n);
    textLength[slot] = n;
    int i = index(ray);
    while (tableSlots[i] != 0) {
      i = (i + 1) & (TABLE - 1);
    }
    tableRays[i] = ray;
    tableSlots[i] = slot + 1;
  }

  /** The request {@code ray} was answered: forgotten. */
  void answered(long ray) {
    int slot = remove(ray);
    if (slot >= 0) {
      rays[slot] = 0;
    }
  }

  /** Takes the request {@code ray} out, or returns null when it was never seen (or forgotten). */
  @Nullable Started take(long ray) {
    int slot = remove(ray);
    if (slot < 0) {
      return null;
    }
    rays[slot] = 0;
    return new Started(
        new String(times, slot * TIME, timeLength[slot], StandardCharsets.US_ASCII), new String(text, slot * TEXT, textLength[slot], StandardCharsets.UTF_8));
  }

  /** Requests forgotten unanswered because the bound was reached. */
  long dropped() {
    return dropped;
  }

  /** Requests whose start was seen. */
  long seen() {
    return seen;
  }

  /** The start of a request: its time as logged and its text ({@code GET https://host/path HTTP/1.1}). */
  record Started(String time, String request) {}

  private static int index(long ray) {
    return (int) (ray >>> 40) & (TABLE - 1); // the ray is already mixed
  }

  /** Removes {@code ray} from the table; returns its ring slot, or -1. Backward-shift deletion keeps probing correct. */
  private int remove(long ray) {
    int i = index(ray);
    while (tableSlots[i] != 0) {
      if (tableRays[i] == ray) {
        int slot = tableSlots[i] - 1;
        int hole = i;
        int j = (i + 1) & (TABLE - 1);
        while (tableSlots[j] != 0) {
          int home = index(tableRays[j]);
          // move j into the hole when its home is not in (hole, j]
          if (((j - home) & (TABLE - 1)) >= ((j - hole) & (TABLE - 1))) {
            tableRays[hole] = tableRays[j];
            tableSlots[hole] = tableSlots[j];
            hole = j;
          }
          j = (j + 1) & (TABLE - 1);
        }
        tableSlots[hole] = 0;
        tableRays[hole] = 0;
        return slot;
      }
      i = (i + 1) & (TABLE - 1);
    }
    return -1;
  }

  /**
   * A cf-ray as a number: a 64-bit mix of its 16 characters ({@code 8f1a2b3c4d5e6f70} of {@code
   * 8f1a2b3c4d5e6f70-FRA}), never 0; or 0 when {@code buf[s, e)} does not start with 16 characters followed
   * by its end, a {@code -}, a quote or a space. Two different rays mix to the same number with a chance of
   * 2^-64; the characters are not decoded, so that the debug line of every request costs two loads.
   */
  static long rayOf(byte[] buf, int s, int e) {
    if (e - s < 16 || (s + 16 < e && buf[s + 16] != '-' && buf[s + 16] != '"' && buf[s + 16] != ' ')) {
      return 0;
    }
    long x = (long) LONGS.get(buf, s);
    long y = (long) LONGS.get(buf, s + 8);
    long h = (x ^ Long.rotateLeft(y * 0xC2B2AE3D27D4EB4FL, 31)) * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    return h == 0 ? 1 : h;
  }

  /** The ray's 16 characters as text, for evidence. */
  static String rayText(byte[] buf, int s, int e) {
    return new String(buf, s, Math.min(16, e - s), StandardCharsets.UTF_8);
  }
}
