package io.github.tunneldiagnostics.core.internal.fix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Edits of one text, each made at positions of the original: replacements (an insertion is an empty
 * replacement) and moves of a span to another point. Edits of different owners that overlap are refused;
 * a replacement inside a moved span travels with it. {@link #render()} builds the new text in one pass, so
 * every byte no edit touches is kept.
 */
final class TextEdits {
  /** Replaces {@code [start, end)} with {@code text}; {@code owner} is the remedy's position. */
  record Replace(int start, int end, String text, int owner) {}

  /** Moves {@code [start, end)} to {@code to}, adding {@code suffix} after it (a line break the span lacks). */
  record Move(int start, int end, int to, String suffix, int owner) {}

  private final String original;
  private final List<Replace> replaces = new ArrayList<>();
  private final List<Move> moves = new ArrayList<>();

  TextEdits(String original) {
    this.original = original;
  }

  /**
   * Adds the edits of one remedy when none overlaps an edit of another; else adds nothing and returns why.
   */
  Optional<String> add(List<Replace> newReplaces, List<Move> newMoves) {
    for (Replace r : newReplaces) {
      for (Replace other : replaces) {
        if (overlaps(r.start, r.end, other.start, other.end) || (r.start == r.end && r.start == other.start && other.start == other.end
            && r.text.equals(other.text))) {
          return Optional.of("it changes the same text as remedy " + (other.owner + 1));
        }
      }
      for (Move move : moves) {
        if (crosses(r.start, r.end, move.start, move.end) || (r.start == r.end && r.start > move.start && r.start < move.end)) {
          return Optional.of("it edits across the rule that remedy " + (move.owner + 1) + " moves");
        }
      }
    }
    for (Move m : newMoves) {
      for (Move other : moves) {
        if (overlaps(m.start, m.end, other.start, other.end)) {
          return Optional.of("remedy " + (other.owner + 1) + " moves the same rule");
        }
        if ((m.to > other.start && m.to < other.end) || (other.to > m.start && other.to < m.end) || m.to == other.start
            || other.to == m.start) {
          return Optional.of("remedy " + (other.owner + 1) + " moves a rule next to it; move the rules one at a time");
        }
      }
      for (Replace other : replaces) {
        if (crosses(other.start, other.end, m.start, m.end)) {
          return Optional.of("it moves a rule that remedy " + (other.owner + 1) + " edits across");
        }
      }
    }
    replaces.addAll(newReplaces);
    moves.addAll(newMoves);
    return Optional.empty();
  }

  private static boolean overlaps(int a0, int a1, int b0, int b1) {
    return a0 < b1 && b0 < a1;
  }

  /** True when {@code [a0, a1)} overlaps the span's boundary instead of lying inside or outside it. */
  private static boolean crosses(int a0, int a1, int s0, int s1) {
    boolean inside = a0 >= s0 && a1 <= s1 && !(a0 == a1 && (a0 == s0 || a0 == s1));
    boolean outside = a1 <= s0 || a0 >= s1;
    return !inside && !outside;
  }

  boolean isEmpty() {
    return replaces.isEmpty() && moves.isEmpty();
  }

  String render() {
    return render(0, original.length(), null);
  }

  private record Event(int position, int kind, int owner, Object edit) {} // kind 0: insertion, 1: replace or removal

  @SuppressWarnings("ReferenceEquality") // the enclosing move itself, by identity
  private String render(int from, int to, @org.jspecify.annotations.Nullable Move within) {
    List<Event> events = new ArrayList<>();
    for (Replace r : replaces) {
      boolean inSpan = moves.stream().anyMatch(m -> m != within && r.start >= m.start && r.end <= m.end && !(r.start == r.end && r.start == m.start));
      if (r.start >= from && r.end <= to && !inSpan) {
        events.add(new Event(r.start, r.start == r.end ? 0 : 1, r.owner, r));
      }
    }
    if (within == null) {
      for (Move m : moves) {
        events.add(new Event(m.start, 1, m.owner, new int[] {m.start, m.end}));
        events.add(new Event(m.to, 0, m.owner, m));
      }
    }
    events.sort(Comparator.comparingInt(Event::position).thenComparingInt(Event::kind).thenComparingInt(Event::owner));
    StringBuilder out = new StringBuilder();
    int position = from;
    for (Event event : events) {
      out.append(original, position, Math.max(position, event.position));
      position = Math.max(position, event.position);
      if (event.edit instanceof Replace r) {
        out.append(r.text);
        position = Math.max(position, r.end);
      } else if (event.edit instanceof int[] removed) {
        position = Math.max(position, removed[1]);
      } else if (event.edit instanceof Move m) {
        out.append(render(m.start, m.end, m)).append(m.suffix);
      }
    }
    out.append(original, position, to);
    return out.toString();
  }
}
