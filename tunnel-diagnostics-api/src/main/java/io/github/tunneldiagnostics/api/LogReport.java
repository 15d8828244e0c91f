package io.github.tunneldiagnostics.api;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What reading the connector's logs amounted to: how much was read, how much of it was cloudflared's,
 * what was skipped and why, and how many failed requests the findings explain. Every report that read a
 * log carries one ({@link DiagnosisReport#logs()}), so a verdict over a log always says how much of the
 * log it rests on.
 *
 * @param files the files (or stream names) read, in order
 * @param bytes bytes read (after gzip decompression)
 * @param lines lines read, skipped ones included
 * @param cloudflaredLines lines recognised as cloudflared's (console or JSON, possibly behind a wrapper)
 * @param wrappers cloudflared lines by the wrapper they came in: {@code plain}, {@code journald} ({@code
 *     cloudflared[PID]: }), {@code compose} ({@code docker compose logs}), {@code kubectl} ({@code kubectl
 *     logs --prefix}), {@code timestamped} ({@code docker logs / kubectl logs --timestamps}), {@code
 *     dockerJson} (Docker's json-file log, {@code {"log":"…\n","stream":"stderr",…}}); only non-zero counts
 * @param skipped lines that were not cloudflared's, by reason: {@code tooLong}, {@code binary}, {@code
 *     invalidUtf8}, {@code otherProgram} (a journald or syslog line of another program), {@code
 *     notCloudflared} (another format, a fragment, a line quoted inside another message); only non-zero
 *     counts
 * @param failedRequests failed requests, each counted once although cloudflared logs two lines for it
 * @param unexplainedRequests the failed requests whose cause no finding code covers (reported as {@code
 *     ORIGIN_FAILURE_UNCLASSIFIED})
 * @param unexplainedErrorLines error lines about the connector itself (not a request) that match no known
 *     problem
 * @param unexplainedSample the first of those error lines (redacted), or empty
 * @param truncated true when a compressed file ends early (a truncated or corrupt {@code .gz})
 * @param complete false when reading stopped before the end (the deadline)
 */
public record LogReport(
    List<String> files,
    long bytes,
    long lines,
    long cloudflaredLines,
    Map<String, Long> wrappers,
    Map<String, Long> skipped,
    long failedRequests,
    long unexplainedRequests,
    long unexplainedErrorLines,
    String unexplainedSample,
    boolean truncated,
    boolean complete) {

  public LogReport {
    files = files.stream().map(Redaction::redact).toList();
    wrappers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(wrappers, "wrappers")));
    skipped = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(skipped, "skipped")));
    unexplainedSample = Redaction.redact(unexplainedSample);
  }

  /** All skipped lines, whatever the reason. */
  public long skippedLines() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * One paragraph for people, e.g. {@code 1200 lines (180000 bytes) read from cloudflared.log: 1180
   * cloudflared lines (1180 plain), 20 skipped (20 not cloudflared); 31 failed requests, 2 of them
   * unexplained; 0 unexplained error lines.}
   */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append(lines).append(lines == 1 ? " line (" : " lines (").append(bytes).append(" bytes) read from ");
    s.append(files.size() == 1 ? files.get(0) : files.size() + " files");
    s.append(": ").append(cloudflaredLines).append(" cloudflared");
    appendCounts(s, wrappers);
    s.append(", ").append(skippedLines()).append(" skipped");
    appendCounts(s, skipped);
    s.append("; ").append(failedRequests).append(failedRequests == 1 ? " failed request" : " failed requests");
    s.append(", ").append(unexplainedRequests).append(" of them unexplained; ");
    s.append(unexplainedErrorLines).append(unexplainedErrorLines == 1 ? " unexplained error line" : " unexplained error lines");
    if (truncated) {
      s.append("; a compressed file ends early");
    }
    if (!complete) {
      s.append("; reading stopped at the deadline, before the end");
    }
    return s.append('.').toString();
  }

  private static void appendCounts(StringBuilder s, Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return;
    }
    s.append(" (");
    String sep = "";
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      s.append(sep).append(e.getValue()).append(' ').append(e.getKey());
      sep = ", ";
    }
    s.append(')');
  }

  /** The record's fields, under the redaction policy. */
  @Override
  public String toString() {
    return Redaction.toString(this);
  }
}
