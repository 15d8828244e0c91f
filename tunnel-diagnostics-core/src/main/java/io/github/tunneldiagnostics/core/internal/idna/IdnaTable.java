package io.github.tunneldiagnostics.core.internal.idna;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The data UTS #46 needs, loaded once from {@value #RESOURCE}: the mapping of every code point (valid,
 * mapped, ignored or disallowed, for non-transitional processing with STD3 rules), the code points with
 * canonical combining class Virama, and the joining types ContextJ asks about.
 *
 * <p>The resource is written by {@code IdnaTableGenerator} (test sources) from Unicode's
 * {@code IdnaMappingTable.txt}; {@code IdnaTableTest} fails when the two drift apart. Lines:
 * {@code R start status [mapping...]} (a range runs to the next start; status V valid, M mapped, I
 * ignored, X disallowed), {@code V codepoint} (virama), {@code J start end type} (L, D, R or T).
 */
final class IdnaTable {
  static final String RESOURCE = "uts46.txt.gz";

  static final byte VALID = 0;
  static final byte MAPPED = 1;
  static final byte IGNORED = 2;
  static final byte DISALLOWED = 3;

  private static final IdnaTable INSTANCE = load();

  private final int[] starts;
  private final byte[] statuses;
  private final int[][] mappings;
  private final int[] viramas;
  private final int[] joinStarts;
  private final int[] joinEnds;
  private final char[] joinTypes;
  final String unicodeVersion;

  private IdnaTable(int[] starts, byte[] statuses, int[][] mappings, int[] viramas, int[] joinStarts, int[] joinEnds,
      char[] joinTypes, String unicodeVersion) {
    this.starts = starts;
    this.statuses = statuses;
    this.mappings = mappings;
    this.viramas = viramas;
    this.joinStarts = joinStarts;
    this.joinEnds = joinEnds;
    this.joinTypes = joinTypes;
    this.unicodeVersion = unicodeVersion;
  }

  static IdnaTable get() {
    return INSTANCE;
  }

  private int range(int codePoint) {
    int i = Arrays.binarySearch(starts, codePoint);
    return i >= 0 ? i : -i - 2;
  }

  byte status(int codePoint) {
    return statuses[range(codePoint)];
  }

  /** The mapping of a {@link #MAPPED} code point. */
  int[] mapping(int codePoint) {
    return mappings[range(codePoint)];
  }

  boolean isVirama(int codePoint) {
    return Arrays.binarySearch(viramas, codePoint) >= 0;
  }

  /** The joining type (L, D, R, T), or U when it has none of those. */
  char joiningType(int codePoint) {
    int i = Arrays.binarySearch(joinStarts, codePoint);
    int index = i >= 0 ? i : -i - 2;
    return index >= 0 && codePoint <= joinEnds[index] ? joinTypes[index] : 'U';
  }

  private static IdnaTable load() {
    try (InputStream raw = IdnaTable.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("missing resource " + RESOURCE + " next to " + IdnaTable.class.getName());
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
      IntList starts = new IntList();
      ByteList statuses = new ByteList();
      java.util.List<int[]> mappings = new java.util.ArrayList<>();
      IntList viramas = new IntList();
      IntList joinStarts = new IntList();
      IntList joinEnds = new IntList();
      StringBuilder joinTypes = new StringBuilder();
      String version = "";
      int[] none = new int[0];
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split(" ");
        switch (f[0]) {
          case "#" -> {
            if (f.length > 2 && f[1].equals("unicode")) {
              version = f[2];
            }
          }
          case "R" -> {
            starts.add(Integer.parseInt(f[1], 16));
            statuses.add(switch (f[2]) {
              case "V" -> VALID;
              case "M" -> MAPPED;
              case "I" -> IGNORED;
              default -> DISALLOWED;
            });
            int[] mapping = f.length > 3 ? new int[f.length - 3] : none;
            for (int i = 3; i < f.length; i++) {
              mapping[i - 3] = Integer.parseInt(f[i], 16);
            }
            mappings.add(mapping);
          }
          case "V" -> viramas.add(Integer.parseInt(f[1], 16));
          case "J" -> {
            joinStarts.add(Integer.parseInt(f[1], 16));
            joinEnds.add(Integer.parseInt(f[2], 16));
            joinTypes.append(f[3].charAt(0));
          }
          default -> throw new IllegalStateException("bad line in " + RESOURCE + ": " + line);
        }
      }
      return new IdnaTable(starts.toArray(), statuses.toArray(), mappings.toArray(int[][]::new), viramas.toArray(),
          joinStarts.toArray(), joinEnds.toArray(), joinTypes.toString().toCharArray(), version);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class IntList {
    private int[] values = new int[256];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  private static final class ByteList {
    private byte[] values = new byte[256];
    private int size;

    void add(byte value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    byte[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
