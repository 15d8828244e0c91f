package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.check.FindingCode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The evidence of {@code ORIGIN_SLOW}: each request cloudflared gave up on ({@code Incoming request ended
 * abruptly: context canceled}) is joined by its cf-ray to the debug line that started it ({@code DBG GET
 * https://host/path HTTP/1.1 cfRay=…}), which says what was asked and how long cloudflared waited for the
 * origin's response headers: 100 s is Cloudflare's edge giving up (HTTP 524), less is the visitor leaving.
 * cloudflared writes those debug lines only at {@code --loglevel debug}; without them the finding says so.
 *
 * <p>Bounded: the requests still waiting are kept in {@link PendingRequests}; joins lost to its bound, or
 * to a request whose start lies in another part of a file read in parallel, are counted.
 */
final class SlowRequests {
  private static final byte[] CF_RAY = {' ', 'c', 'f', 'R', 'a', 'y', '='};
  private static final int MAX_METHOD = 16;
  private static final int MAX_STATUS_TEXT = 64;
  private static final byte[] JSON_CF_RAY = "\"cfRay\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] JSON_MESSAGE = ",\"message\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] JSON_TIME = "\"time\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int MAX_JSON_RAY_OFFSET = 160;
  private static final int MAX_JSON_MESSAGE = 4096;
  /** Cloudflare's edge waits this long for the origin's response headers, then answers 524. */
  static final long EDGE_TIMEOUT_SECONDS = 100;

  private final PendingRequests pending = new PendingRequests();
  private final Map<Key, Join> joins = new LinkedHashMap<>();
  private long droppedBefore;

  /** Equals and hashCode written out, as in {@code Tally.Key}: no method-handle spinning on first use. */
  private record Key(int rule, String service) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k && rule == k.rule && service.equals(k.service);
    }

    @Override
    public int hashCode() {
      return rule * 31 + service.hashCode();
    }
  }

  /** What the cancelled requests of one (rule, service) showed. */
  private static final class Join {
    long requests;
    long joined;
    long longestSeconds = -1;
    String request = "";
    String ray = "";
    String started = "";
    String cancelled = "";
  }

  /**
   * Reads a DBG console line whose message starts at {@code message}: a request's start ({@code GET
   * https://… HTTP/1.1 cfRay=…}) is remembered, an origin's answer ({@code 200 OK cfRay=…}) forgets it.
   * Other debug lines cost two byte comparisons.
   */
  void debugLine(byte[] buf, int timeStart, int timeEnd, int message, int end) {
    if (message >= end) {
      return;
    }
    byte c = buf[message];
    if (c >= 'A' && c <= 'Z') {
      int method = ByteSearch.indexOf(buf, (byte) ' ', message, Math.min(end, message + MAX_METHOD));
      if (method < 0 || method + 1 >= end || buf[method + 1] != 'h') {
        return; // not "<METHOD> http…"
      }
      int url = ByteSearch.indexOf(buf, (byte) ' ', method + 1, end);
      if (url < 0 || url + 1 >= end || buf[url + 1] != 'H') {
        return; // not "… HTTP/…"
      }
      int proto = ByteSearch.indexOf(buf, (byte) ' ', url + 1, Math.min(end, url + 16));
      if (proto < 0 || !ByteSearch.isCfRay(buf, proto, end)) {
        return;
      }
      long ray = PendingRequests.rayOf(buf, proto + CF_RAY.length, end);
      if (ray != 0) {
        pending.started(ray, buf, timeStart, timeEnd, message, proto);
      }
    } else if (c >= '1' && c <= '5' && message + 4 < end && buf[message + 3] == ' ') {
      int limit = Math.min(end - CF_RAY.length, message + MAX_STATUS_TEXT);
      for (int i = ByteSearch.indexOf(buf, (byte) ' ', message + 4, limit); i >= 0; i = ByteSearch.indexOf(buf, (byte) ' ', i + 1, limit)) {
        if (ByteSearch.isCfRay(buf, i, end)) {
          long ray = PendingRequests.rayOf(buf, i + CF_RAY.length, end);
          if (ray != 0) {
            pending.answered(ray);
          }
          return;
        }
      }
    }
  }

  /**
   * Reads a debug line of cloudflared's JSON log file ({@code {"level":"debug",…,"cfRay":"…",…,"time":"…",
   * "message":"GET https://… HTTP/1.1"}}: zerolog writes the context fields first, the time and the message
   * last) like {@link #debugLine}. Lines without a {@code cfRay} near the start cost one short search.
   */
  void debugJson(byte[] buf, int start, int end) {
    int limit = Math.min(end, start + MAX_JSON_RAY_OFFSET);
    int ray = -1;
    for (int i = start + 16; i + JSON_CF_RAY.length < limit; i++) {
      if (buf[i] == '"' && buf[i + 1] == 'c' && ParsedLine.is(buf, i, JSON_CF_RAY, end)) {
        ray = i + JSON_CF_RAY.length;
        break;
      }
    }
    if (ray < 0 || end - start < 32 || buf[end - 1] != '}' || buf[end - 2] != '"') {
      return;
    }
    int key = -1;
    for (int i = end - 2 - JSON_MESSAGE.length; i > ray && i > end - MAX_JSON_MESSAGE; i--) {
      if (buf[i] == ',' && ParsedLine.is(buf, i, JSON_MESSAGE, end)) {
        key = i;
        break;
      }
    }
    if (key < 0) {
      return;
    }
    int message = key + JSON_MESSAGE.length;
    int messageEnd = end - 2;
    long id = PendingRequests.rayOf(buf, ray, end);
    if (id == 0 || message >= messageEnd) {
      return;
    }
    byte c = buf[message];
    if (c >= '1' && c <= '5') {
      pending.answered(id);
      return;
    }
    if (c < 'A' || c > 'Z') {
      return;
    }
    int timeStart = -1;
    int timeEnd = -1;
    for (int i = key - JSON_TIME.length; i > ray && i > key - 64; i--) {
      if (buf[i] == '"' && ParsedLine.is(buf, i, JSON_TIME, end)) {
        timeStart = i + JSON_TIME.length;
        timeEnd = key - 1; // before the closing quote of the time
        break;
      }
    }
    if (timeStart < 0 || timeEnd <= timeStart) {
      timeStart = timeEnd = message; // no time: the wait stays unknown
    }
    pending.started(id, buf, timeStart, timeEnd, message, messageEnd);
  }

  /** A request that failed for another reason: it will not be answered, so it is forgotten. */
  void failed(RequestEvent event) {
    if (event.ray != 0) {
      pending.answered(event.ray);
    }
  }

  /** A request of (rule, service) that ended in ORIGIN_SLOW: joined to its start when its ray was seen. */
  void cancelled(RequestEvent event, int rule, String service) {
    Key key = new Key(rule, service);
    Join join = joins.get(key);
    if (join == null) { // not computeIfAbsent: no lambda to bind while the log's lines wait
      join = new Join();
      joins.put(key, join);
    }
    join.requests++;
    PendingRequests.Started start = event.ray != 0 ? pending.take(event.ray) : null;
    if (start == null) {
      return;
    }
    join.joined++;
    long seconds = secondsBetween(start.time(), event.time);
    if (seconds > join.longestSeconds || join.request.isEmpty()) {
      join.longestSeconds = seconds;
      join.request = start.request();
      join.ray = event.rayText;
      join.started = start.time();
      join.cancelled = event.time;
    }
  }

  /** Adds what {@code later}, a later part of the same file, joined. */
  void merge(SlowRequests later) {
    for (Map.Entry<Key, Join> entry : later.joins.entrySet()) { // a loop: no lambda to bind on the merge path
      Key key = entry.getKey();
      Join theirs = entry.getValue();
      Join mine = joins.get(key);
      if (mine == null) {
        joins.put(key, theirs);
        continue;
      }
      mine.requests += theirs.requests;
      mine.joined += theirs.joined;
      if (theirs.longestSeconds > mine.longestSeconds || mine.request.isEmpty()) {
        mine.longestSeconds = theirs.longestSeconds;
        mine.request = theirs.request;
        mine.ray = theirs.ray;
        mine.started = theirs.started;
        mine.cancelled = theirs.cancelled;
      }
    }
    droppedBefore += later.dropped();
  }

  private long dropped() {
    return droppedBefore + pending.dropped();
  }

  /** Puts the joins into the ORIGIN_SLOW findings of {@code tally}: a sentence for the message and evidence. */
  void annotate(Tally tally) {
    long dropped = dropped();
    for (Map.Entry<Key, Join> entry : joins.entrySet()) {
      Join join = entry.getValue();
      Map<String, String> evidence = new LinkedHashMap<>();
      String sentence;
      evidence.put("joinedByCfRay", join.joined + " of " + join.requests);
      if (join.joined == 0) {
        sentence = "No line shows when " + (join.requests == 1 ? "this request" : "these requests") + " started: cloudflared logs each request's "
            + "start (with its cf-ray) only at --loglevel debug; with it, the doctor joins the cancel to its request and says how long cloudflared waited.";
      } else {
        evidence.put("request", join.request);
        evidence.put("cfRay", join.ray);
        evidence.put("requestStarted", join.started);
        evidence.put("requestCancelled", join.cancelled);
        String waited = join.longestSeconds < 0 ? "" : join.longestSeconds + " s";
        if (!waited.isEmpty()) {
          evidence.put("waited", waited);
        }
        String who = join.longestSeconds >= EDGE_TIMEOUT_SECONDS
            ? ", when Cloudflare's edge gives up on an origin that sent no response headers (HTTP 524)"
            : join.longestSeconds >= 0 ? ", before Cloudflare's 100 s limit: the visitor gave up" : "";
        sentence = (join.joined == 1 ? "The request " : "The longest wait of the " + join.joined + " joined by cf-ray: ") + join.request
            + " (cf-ray " + join.ray + ") started at " + join.started + " and was cancelled at " + join.cancelled
            + (waited.isEmpty() ? "" : ", " + waited + " later") + who + ".";
      }
      if (dropped > 0) {
        evidence.put("cfRayJoinsDropped", dropped + (dropped == 1 ? " request still waiting was" : " requests still waiting were")
            + " forgotten (the join keeps at most " + PendingRequests.CAPACITY + " unanswered requests per part of the file)");
      }
      tally.detail(FindingCode.ORIGIN_SLOW, entry.getKey().rule(), entry.getKey().service(), sentence, evidence);
    }
  }

  private static long secondsBetween(String from, String to) {
    long start = ConsoleTime.utcEpochSecond(from, 59);
    long end = ConsoleTime.utcEpochSecond(to, 59);
    if (start != ConsoleTime.NONE && end != ConsoleTime.NONE) {
      return Math.max(0, end - start); // the console form, without a formatter
    }
    @Nullable OffsetDateTime a = parse(from);
    @Nullable OffsetDateTime b = parse(to);
    return a == null || b == null ? -1 : Math.max(0, Duration.between(a, b).toSeconds());
  }

  private static @Nullable OffsetDateTime parse(String time) {
    try {
      return OffsetDateTime.parse(time);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
