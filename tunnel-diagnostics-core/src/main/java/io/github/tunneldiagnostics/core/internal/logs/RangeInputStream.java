package io.github.tunneldiagnostics.core.internal.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Bytes {@code [from, to)} of a file, read with positional reads so that several parts share one channel. */
final class RangeInputStream extends InputStream {
  private final FileChannel channel;
  private long position;
  private final long end;

  RangeInputStream(FileChannel channel, long from, long to) {
    this.channel = channel;
    this.position = from;
    this.end = to;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (position >= end) {
      return -1;
    }
    int want = (int) Math.min(len, end - position);
    int n = channel.read(ByteBuffer.wrap(b, off, want), position);
    if (n < 0) {
      return -1; // the file shrank while it was read
    }
    position += n;
    return n;
  }
}
