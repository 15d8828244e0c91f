package io.github.tunneldiagnostics.core.internal.logs;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What reading the logs amounted to.
 *
 * @param files the files (or stream names) read, in order
 * @param bytes bytes read (after gzip decompression)
 * @param lines lines read, skipped ones included
 * @param skipped lines not classified, by reason
 * @param crlfLines text lines that ended in CRLF (handled: the CR is dropped; lines skipped as binary or
 *     invalid are not included)
 * @param consoleLines console-format log lines
 * @param jsonLines JSON log lines
 * @param failedRequests failed requests, each counted once although cloudflared logs two lines for it
 * @param abandonedRequests requests the visitor gave up on ({@code context canceled}); not an origin fault
 * @param unclassifiedErrors ERR/FTL lines that matched no known cause
 * @param notes anything else worth knowing, e.g. a gzip file that ends early or a read stopped at the
 *     deadline
 * @param complete false when reading stopped before the end (deadline)
 */
public record LogSummary(
    List<String> files,
    long bytes,
    long lines,
    Map<SkipReason, Long> skipped,
    long crlfLines,
    long consoleLines,
    long jsonLines,
    long failedRequests,
    long abandonedRequests,
    long unclassifiedErrors,
    List<String> notes,
    boolean complete) {

  public LogSummary {
    files = List.copyOf(files);
    EnumMap<SkipReason, Long> copy = new EnumMap<>(SkipReason.class);
    Objects.requireNonNull(skipped, "skipped").forEach((k, v) -> copy.put(k, v));
    skipped = Collections.unmodifiableMap(copy);
    notes = List.copyOf(notes);
  }

  /** All skipped lines, whatever the reason. */
  public long skippedLines() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** One line for people: {@code 120000 lines (15.2 MB) read, 3 skipped (2 too long, 1 binary)}. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append(lines).append(" lines (").append(bytes).append(" bytes) read from ").append(files.size()).append(files.size() == 1 ? " file" : " files");
    s.append(", ").append(skippedLines()).append(" skipped");
    if (skippedLines() > 0) {
      s.append(" (");
      String sep = "";
      for (Map.Entry<SkipReason, Long> e : skipped.entrySet()) {
        if (e.getValue() > 0) {
          s.append(sep).append(e.getValue()).append(' ').append(e.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
          sep = ", ";
        }
      }
      s.append(')');
    }
    s.append(", ").append(failedRequests).append(" failed requests");
    if (!complete) {
      s.append(", stopped before the end");
    }
    return s.toString();
  }
}
