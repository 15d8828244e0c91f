package io.github.tunneldiagnostics.core.internal.logs;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The requests cloudflared started and has not yet answered, by cf-ray, as its debug lines show them
 * ({@code DBG GET https://host/path HTTP/1.1 cfRay=…} when a request arrives, {@code DBG 200 OK cfRay=…}
 * when the origin answers), so that a request that fails later ({@code Incoming request ended abruptly:
 * context canceled}) can be joined to its start: what was asked, and how long cloudflared waited.
 *
 * <p>Bounded, whatever the log: at most {@value #CAPACITY} unanswered requests are remembered; when a
 * request starts while that many are waiting, the one that has waited longest is forgotten and counted
 * ({@link #dropped}), so a report can say how many joins the bound may have cost. A request that failed for another reason is
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

  /** The ray of each slot; 0 when the slot is free. */
  private final long[] rays = new long[CAPACITY];
  private final byte[] times = new byte[CAPACITY * TIME];
  private final int[] timeLength = new int[CAPACITY];
  private final byte[] text = new byte[CAPACITY * TEXT];
  private final int[] textLength = new int[CAPACITY];
  /** The slots in use, oldest first, as a doubly linked list; the free slots as a stack. */
  private final int[] older = new int[CAPACITY];
  private final int[] newer = new int[CAPACITY];
  private int oldest = -1;
  private int newest = -1;
  private final int[] free = new int[CAPACITY];
  private int freeCount;
  /** Open addressing (linear probing) from ray to slot + 1; 0 is empty. */
  private final long[] tableRays = new long[TABLE];
  private final int[] tableSlots = new int[TABLE];
  private long dropped;
  private long seen;

  PendingRequests() {
    for (int slot = CAPACITY - 1; slot >= 0; slot--) {
      free[freeCount++] = slot;
    }
  }

  /** A request that started: {@code ray} (not 0), its time {@code buf[timeStart, timeEnd)} and its text. */
  void started(long ray, byte[] buf, int timeStart, int timeEnd, int textStart, int textEnd) {
    seen++;
    release(remove(ray)); // a repeated ray: the later request wins
    int slot;
    if (freeCount > 0) {
      slot = free[--freeCount];
    } else {
      slot = oldest; // the request that has waited longest, still unanswered: forgotten
      remove(rays[slot]);
      unlink(slot);
      dropped++;
    }
    rays[slot] = ray;
    int t = Math.min(TIME, timeEnd - timeStart);
    System.arraycopy(buf, timeStart, times, slot * TIME, t);
    timeLength[slot] = t;
    int n = Math.min(TEXT, textEnd - textStart);
    System.arraycopy(buf, textStart, text, slot * TEXT, n);
    textLength[slot] = n;
    older[slot] = newest;
    newer[slot] = -1;
    if (newest >= 0) {
      newer[newest] = slot;
    } else {
      oldest = slot;
    }
    newest = slot;
    int i = index(ray);
    while (tableSlots[i] != 0) {
      i = (i + 1) & (TABLE - 1);
    }
    tableRays[i] = ray;
    tableSlots[i] = slot + 1;
  }

  /** The request {@code ray} was answered (or failed otherwise): forgotten. */
  void answered(long ray) {
    release(remove(ray));
  }

  /** Takes the request {@code ray} out, or returns null when it was never seen (or forgotten). */
  @Nullable Started take(long ray) {
    int slot = remove(ray);
    if (slot < 0) {
      return null;
    }
    Started started = new Started(
        new String(times, slot * TIME, timeLength[slot], StandardCharsets.US_ASCII), new String(text, slot * TEXT, textLength[slot], StandardCharsets.UTF_8));
    release(slot);
    return started;
  }

  private void release(int slot) {
    if (slot < 0) {
      return;
    }
    unlink(slot);
    rays[slot] = 0;
    free[freeCount++] = slot;
  }

  private void unlink(int slot) {
    int before = older[slot];
    int after = newer[slot];
    if (before >= 0) {
      newer[before] = after;
    } else {
      oldest = after;
    }
    if (after >= 0) {
      older[after] = before;
    } else {
      newest = before;
    }
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

  /** Removes {@code ray} from the table; returns its slot, or -1. Backward-shift deletion keeps probing correct. */
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
