package io.github.tunneldiagnostics.core.internal.report;

import java.util.ArrayList;
import java.util.List;

/** Word-wraps plain text to a column limit; a word longer than the limit gets a line of its own. */
final class Wrapping {
  private Wrapping() {}

  /**
   * Wraps {@code text} so that each line, prefix included, fits in {@code width} columns where words
   * allow. The first line starts with {@code firstPrefix}, the others with {@code nextPrefix}. Line
   * breaks in the text are kept, and so is the indentation of a later line that starts with spaces (a YAML
   * snippet in a fix stays valid YAML).
   */
  static List<String> wrap(String text, int width, String firstPrefix, String nextPrefix) {
    List<String> lines = new ArrayList<>();
    String prefix = firstPrefix;
    boolean first = true;
    for (String paragraph : text.split("\n", -1)) {
      int indent = 0;
      while (!first && indent < paragraph.length() && paragraph.charAt(indent) == ' ') {
        indent++;
      }
      StringBuilder line = new StringBuilder(prefix).append(" ".repeat(indent));
      int emptyLength = line.length();
      for (String word : paragraph.split(" ")) {
        if (word.isEmpty()) {
          continue;
        }
        if (line.length() > emptyLength && line.length() + 1 + word.length() > width) {
          lines.add(line.toString());
          prefix = nextPrefix;
          line = new StringBuilder(prefix).append(" ".repeat(indent));
          emptyLength = line.length();
        }
        if (line.length() > emptyLength) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString());
      prefix = nextPrefix;
      first = false;
    }
    return lines;
  }
}
