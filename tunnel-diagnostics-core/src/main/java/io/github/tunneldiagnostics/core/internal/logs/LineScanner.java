package io.github.tunneldiagnostics.core.internal.logs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits a byte stream into lines without decoding it, with bounded memory: a line longer than the cap
 * is discarded up to its end and counted, never buffered whole. While looking for the end of a line it
 * also notes, in the same pass, whether the line holds non-ASCII bytes, control bytes (binary junk), an
 * ANSI escape or a trailing carriage return. Plain ASCII text is skipped eight bytes at a time.
 */
final class LineScanner {

  /** Receives each line as a byte range of a shared buffer that is only valid during the call. */
  interface Sink {
    void line(byte[] buffer, int start, int end, int flags);

    void skipped(SkipReason reason);

    /** Returns false to stop reading, e.g. at a deadline. Asked before every read. */
    default boolean wantsMore() {
      return true;
    }
  }

  static final int NON_ASCII = 1;
  static final int CONTROL = 2;
  static final int ESCAPE = 4;
  static final int CRLF = 8;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES_TIMES_28 = 0x1C1C1C1C1C1C1C1CL;
  private static final long HIGH_BITS = 0x8080808080808080L;
  /** What {@link #step} did: read or emitted, so more may follow; reached the end; was told to stop. */
  private static final int MORE = 0;
  private static final int ENDED = 1;
  private static final int STOPPED = 2;

  private final int maxLineLength;
  private final byte[] buffer;
  private long bytesRead;
  /** The state of the current {@link #scan}: bytes in the buffer, the current line's start, the next byte to look at. */
  private int filled;
  private int lineStart;
  private int pos;
  private int flags;
  /** Inside a line longer than the cap, skipped up to its end. */
  private boolean discarding;


  LineScanner(int maxLineLength) {
    this.maxLineLength = maxLineLength;
    this.buffer = new byte[Math.max(1 << 20, maxLineLength * 2)];
  }

  /** Bytes read since the last call, also when a scan ended with an exception; resets the count. */
  long takeBytesRead() {
    long n = bytesRead;
    bytesRead = 0;
    return n;
  }

  /** Reads {@code in} to its end (or until the sink wants no more). */
  void scan(InputStream in, Sink sink) throws IOException {
    filled = 0;
    lineStart = 0;
    pos = 0;
    flags = 0;
    discarding = false;
    int state;
    do {
      state = step(in, sink);
    } while (state == MORE);
    if (state == STOPPED) {
      return;
    }
    byte[] buf = buffer;
    if (!discarding && filled > lineStart) {
      int end = filled;
      if (buf[end - 1] == '\r') {
        end--;
        flags |= CRLF;
      }
      emit(sink, buf, lineStart, end, flags);
    }
  }

  /**
   * One line, or one read: the body of {@link #scan}'s loop, a method of its own so that the JIT compiles
   * it after a few hundred lines. As a loop inside {@code scan}, which runs once per file, it would wait
   * for on-stack replacement (tens of thousands of iterations, all interpreted: most of a 64 MB log).
   */
  private int step(InputStream in, Sink sink) throws IOException {
    byte[] buf = buffer;
    if (pos == filled) {
      if (!sink.wantsMore()) {
        return STOPPED;
      }
      if (discarding) {
        lineStart = pos = filled = 0;
      } else if (lineStart > 0) {
        System.arraycopy(buf, lineStart, buf, 0, filled - lineStart);
        filled -= lineStart;
        pos -= lineStart;
        lineStart = 0;
      }
      int n = in.read(buf, filled, buf.length - filled);
      if (n < 0) {
        return ENDED;
      }
      bytesRead += n;
      filled += n;
    }
    int limit = discarding ? filled : Math.min(filled, lineStart + maxLineLength + 1);
    int i = findNewline(buf, pos, limit);
    if (i < limit) {
      if (!discarding) {
        int end = i;
        if (end > lineStart && buf[end - 1] == '\r') {
          end--;
          flags |= CRLF;
        }
        emit(sink, buf, lineStart, end, flags);
      }
      discarding = false;
      flags = 0;
      lineStart = i + 1;
      pos = i + 1;
      return MORE;
    }
    pos = i;
    if (!discarding && i - lineStart > maxLineLength) {
      discarding = true;
      sink.skipped(SkipReason.TOO_LONG);
    }
    return MORE;
  }

  /**
   * The index of the first newline in {@code buf[i, limit)}, or {@code limit}; ORs what it saw on the way
   * into {@link #flags}. A method of its own, called once per line, so that the JIT compiles it early:
   * {@link #scan} runs once per file and would otherwise wait for on-stack replacement.
   */
  private int findNewline(byte[] buf, int i, int limit) {
    int flags = this.flags; // a local in the loop, stored back on the way out
    while (i < limit) {
      while (i + 16 <= limit) { // two words per step: half the loop overhead and bounds checks
        long x = (long) LONGS.get(buf, i);
        long y = (long) LONGS.get(buf, i + 8);
        if ((((((x - ONES_TIMES_28) & ~x) | x) | (((y - ONES_TIMES_28) & ~y) | y)) & HIGH_BITS) != 0) {
          break;
        }
        i += 16;
      }
      while (i + 8 <= limit) {
        long x = (long) LONGS.get(buf, i);
        if (((((x - ONES_TIMES_28) & ~x) | x) & HIGH_BITS) != 0) {
          break;
        }
        i += 8;
      }
      if (i >= limit) {
        break;
      }
      byte b = buf[i];
      if (b <= 27) { // newline, CR, tab, ESC, other control bytes, or any byte >= 0x80 (negative)
        if (b == '\n') {
          this.flags = flags;
          return i;
        } else if (b < 0) {
          flags |= NON_ASCII;
        } else if (b == 27) {
          flags |= ESCAPE;
        } else if (b != '\t' && b != '\r') {
          flags |= CONTROL;
        }
      }
      i++;
    }
    this.flags = flags;
    return limit;
  }

  private static void emit(Sink sink, byte[] buf, int start, int end, int flags) {
    if ((flags & CONTROL) != 0) {
      sink.skipped(SkipReason.BINARY);
    } else if ((flags & NON_ASCII) != 0 && !Utf8.isValid(buf, start, end)) {
      sink.skipped(SkipReason.INVALID_UTF8);
    } else {
      sink.line(buf, start, end, flags);
    }
  }
}
