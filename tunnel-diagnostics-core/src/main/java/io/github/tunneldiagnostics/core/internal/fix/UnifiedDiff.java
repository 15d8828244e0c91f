package io.github.tunneldiagnostics.core.internal.fix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A unified diff of two texts by lines (Myers' O(ND) algorithm), with three lines of context, as {@code
 * diff -u} and {@code git diff} print it. Line breaks are not shown ({@code \r} of CRLF lines is dropped
 * from the display); a last line without a line break gets {@code \ No newline at end of file}.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff, or the empty string when the texts are equal. */
  public static String of(String before, String after, String beforeLabel, String afterLabel) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<int[]> script = script(a, b); // each entry: {op, indexA, indexB}; op 0 equal, -1 delete, +1 insert
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(beforeLabel).append('\n').append("+++ ").append(afterLabel).append('\n');
    int i = 0;
    while (i < script.size()) {
      int firstChange = i;
      while (firstChange < script.size() && script.get(firstChange)[0] == 0) {
        firstChange++;
      }
      if (firstChange == script.size()) {
        break;
      }
      int hunkStart = Math.max(i, firstChange - CONTEXT);
      int hunkEnd = firstChange;
      int equalRun = 0;
      int k = firstChange;
      while (k < script.size()) {
        if (script.get(k)[0] == 0) {
          equalRun++;
          if (equalRun > 2 * CONTEXT) {
            break;
          }
        } else {
          equalRun = 0;
          hunkEnd = k;
        }
        k++;
      }
      int last = Math.min(script.size() - 1, hunkEnd + CONTEXT);
      int aStart = -1;
      int bStart = -1;
      int aCount = 0;
      int bCount = 0;
      StringBuilder body = new StringBuilder();
      for (int j = hunkStart; j <= last; j++) {
        int[] step = script.get(j);
        if (aStart < 0) {
          aStart = step[1];
          bStart = step[2];
        }
        String line = step[0] > 0 ? b.get(step[2]) : a.get(step[1]);
        char mark = step[0] == 0 ? ' ' : step[0] < 0 ? '-' : '+';
        if (step[0] <= 0) {
          aCount++;
        }
        if (step[0] >= 0) {
          bCount++;
        }
        body.append(mark).append(display(line)).append('\n');
        if (!line.endsWith("\n")) {
          body.append("\\ No newline at end of file\n");
        }
      }
      out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n").append(body);
      i = last + 1;
    }
    return out.toString();
  }

  private static String range(int start, int count) {
    int first = count == 0 ? start : start + 1;
    return count == 1 ? Integer.toString(first) : first + "," + count;
  }

  private static String display(String line) {
    String shown = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    return shown.endsWith("\r") ? shown.substring(0, shown.length() - 1) : shown;
  }

  /** The text's lines, each with its line break. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end + 1;
      lines.add(text.substring(start, end));
      start = end;
    }
    return lines;
  }

  /** The shortest edit script; indexes in a and b of each step, with the index in the other text at that point. */
  private static List<int[]> script(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int max = n + m;
    int offset = max + 1;
    int[] v = new int[2 * max + 3];
    List<int[]> trace = new ArrayList<>();
    int found = -1;
    for (int d = 0; d <= max && found < 0; d++) {
      trace.add(Arrays.copyOf(v, v.length));
      for (int k = -d; k <= d; k += 2) {
        int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && a.get(x).equals(b.get(y))) {
          x++;
          y++;
        }
        v[offset + k] = x;
        if (x >= n && y >= m) {
          found = d;
          break;
        }
      }
    }
    List<int[]> steps = new ArrayList<>();
    int x = n;
    int y = m;
    for (int d = found; d > 0; d--) {
      int[] previous = trace.get(d);
      int k = x - y;
      int prevK = (k == -d || (k != d && previous[offset + k - 1] < previous[offset + k + 1])) ? k + 1 : k - 1;
      int prevX = previous[offset + prevK];
      int prevY = prevX - prevK;
      while (x > prevX && y > prevY) {
        x--;
        y--;
        steps.add(new int[] {0, x, y});
      }
      if (x == prevX) {
        y--;
        steps.add(new int[] {1, x, y});
      } else {
        x--;
        steps.add(new int[] {-1, x, y});
      }
    }
    while (x > 0 && y > 0) {
      x--;
      y--;
      steps.add(new int[] {0, x, y});
    }
    java.util.Collections.reverse(steps);
    return steps;
  }
}
