package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.LogReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.internal.Redaction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The state of one classification run over one or more files: receives lines, keeps counters. The
 * counters by wrapper and skip reason are arrays indexed by the enums' ordinals, not maps: they are bumped
 * once per line, and a map would box a Long each time; they never leave this class by ordinal.
 */
@SuppressWarnings("EnumOrdinal")
final class LogReading implements LineScanner.Sink {
  private static final byte[] REGISTERED = ascii("Registered tunnel connection");
  private static final byte[] UPDATED_CONFIG = ascii("Updated to new configuration");
  private static final byte[] REQUEST_FAILED = ascii("Request failed");
  private static final byte[] FAILED_TO_SERVE = ascii("failed to serve incoming request");
  private static final byte[] CLIENT_FAILED = ascii("failed to connect to origin");
  private static final byte[] JSON_DEBUG = ascii("{\"level\":\"debug\",");
  private static final int MAX_SAMPLE_BYTES = 4096;

  private final @Nullable IngressModel model;
  private final @Nullable HostRuleMapper mapper;
  private final @Nullable Instant deadline;
  private final Clock clock;
  private final ParsedLine line = new ParsedLine();
  private final LineShape shape = new LineShape();
  private final ConsoleLineParser console = new ConsoleLineParser();
  private final ProblemCache problems = new ProblemCache();
  private final JsonLineParser json = new JsonLineParser();
  private final DockerJsonLine dockerLine = new DockerJsonLine();
  private final OriginCause.Cache causes = new OriginCause.Cache();
  private final ByteInterner interner = new ByteInterner(1 << 12);
  private final ByteInterner times = new ByteInterner(1 << 8);
  private final Tally tally;
  private final SlowRequests slow = new SlowRequests();
  private final RequestPairing pairing;
  private byte[] scratch = new byte[4096];

  final List<String> files = new ArrayList<>();
  final List<String> truncatedFiles = new ArrayList<>();
  /** The files among {@link #truncatedFiles} whose gzip header itself is broken, with what is wrong with it. */
  final Map<String, String> invalidGzipFiles = new LinkedHashMap<>();
  /** Lines skipped, by {@link SkipReason} ordinal; counters, not a map: no boxing on the per-line path. */
  final long[] skipped = new long[SkipReason.values().length];
  /** cloudflared lines by {@link Wrapper} ordinal. */
  final long[] wrappers = new long[Wrapper.values().length];
  long bytes;
  long lines;
  long cloudflaredLines;
  long failedRequests;
  long unexplainedRequests;
  long unexplainedErrorLines;
  String unexplainedSample = "";
  boolean stopped;
  private boolean holdBoundaries;
  private boolean flushing;
  private final List<RequestEvent> held = new ArrayList<>();
  private String file = "";
  private long lastEdgeFailure = -1;
  private long lastRegistered = -1;
  private long lastCredentialsInvalid = -10;

  LogReading(@Nullable IngressModel model, @Nullable Instant deadline, Clock clock) {
    this.model = model;
    this.mapper = model == null || model.rules().isEmpty() ? null : new HostRuleMapper(model);
    this.deadline = deadline;
    this.clock = clock;
    this.tally = new Tally(model);
    this.pairing = new RequestPairing(this::record, this::unpaired);
  }

  /**
   * Makes this reading one part of a file read in parallel: the requests near its start and end that
   * found no partner are held for {@link #absorb}, which pairs them across the boundary.
   */
  void holdBoundaries() {
    holdBoundaries = true;
  }

  void startFile(String name) {
    file = name;
    files.add(name);
  }

  void endFile() {
    flushing = true;
    pairing.flush();
    flushing = false;
  }

  private void unpaired(RequestEvent event) {
    if (holdBoundaries && (flushing || event.sequence <= RequestPairing.MAX_DISTANCE)) {
      held.add(event); // its partner may be in the neighbouring part
    } else {
      record(event);
    }
  }

  /**
   * Adds what {@code part}, the next part of the same file read in parallel, counted. Its held requests
   * are paired with this reading's held ones, as a sequential read would have, then counted.
   */
  void absorb(LogReading part) {
    long offset = lines;
    bytes += part.bytes;
    lines += part.lines;
    cloudflaredLines += part.cloudflaredLines;
    failedRequests += part.failedRequests;
    unexplainedRequests += part.unexplainedRequests;
    if (unexplainedErrorLines == 0) {
      unexplainedSample = part.unexplainedSample;
    }
    unexplainedErrorLines += part.unexplainedErrorLines;
    for (int i = 0; i < skipped.length; i++) {
      skipped[i] += part.skipped[i];
    }
    for (int i = 0; i < wrappers.length; i++) {
      wrappers[i] += part.wrappers[i];
    }
    for (String name : part.truncatedFiles) {
      if (!truncatedFiles.contains(name)) {
        truncatedFiles.add(name);
      }
    }
    for (Map.Entry<String, String> invalid : part.invalidGzipFiles.entrySet()) { // a loop: no lambda to bind on the merge path
      invalidGzipFiles.putIfAbsent(invalid.getKey(), invalid.getValue());
    }
    stopped |= part.stopped;
    if (part.lastEdgeFailure >= 0) {
      lastEdgeFailure = offset + part.lastEdgeFailure;
    }
    if (part.lastRegistered >= 0) {
      lastRegistered = offset + part.lastRegistered;
    }
    tally.merge(part.tally);
    slow.merge(part.slow);
    for (RequestEvent event : part.held) {
      event.sequence += offset;
      pairing.accept(event);
    }
  }

  @Override
  public boolean wantsMore() {
    if (deadline != null && !clock.instant().isBefore(deadline)) {
      stopped = true;
      return false;
    }
    return true;
  }

  @Override
  public void skipped(SkipReason reason) {
    lines++;
    skipped[reason.ordinal()]++;
  }

  @Override
  public void line(byte[] buf, int start, int end, int flags) {
    lines++;
    if ((flags & LineScanner.ESCAPE) != 0) {
      end = stripAnsi(buf, start, end);
      buf = scratch;
      start = 0;
    }
    while (start < end && buf[start] == ' ') {
      start++;
    }
    if (start == end) {
      return; // blank line
    }
    boolean docker = false;
    if (buf[start] == '{' && DockerJsonLine.looksLikeOne(buf, start, end) && dockerLine.unwrap(buf, start, end)) {
      if (dockerLine.control) {
        skipped[SkipReason.BINARY.ordinal()]++;
        return;
      }
      buf = dockerLine.line;
      start = 0;
      end = dockerLine.length;
      if (dockerLine.escape) {
        end = stripAnsi(buf, 0, end);
        buf = scratch;
      }
      while (start < end && buf[start] == ' ') {
        start++;
      }
      if (start == end) {
        return; // a blank line, logged through docker
      }
      docker = true;
    }
    if (!shape.unwrap(buf, start, end)) {
      skipped[SkipReason.OTHER_PROGRAM.ordinal()]++;
      return;
    }
    if (docker && shape.wrapper == Wrapper.PLAIN) {
      shape.wrapper = Wrapper.DOCKER_JSON;
    }
    start = shape.start;
    Level consoleLevel = buf[start] == '{' ? Level.NONE : shape.level;
    if (consoleLevel == Level.DEBUG || consoleLevel == Level.TRACE
        || (consoleLevel == Level.INFO && !mayMatter(buf, shape.timeEnd + 5, end))
        || (consoleLevel == Level.NONE && isJsonDebug(buf, start, end))) {
      // most of a log: rejected at the level token, the line is neither parsed nor copied; a request's
      // start and end (DBG) are only looked at for their cf-ray
      wrappers[shape.wrapper.ordinal()]++;
      cloudflaredLines++;
      if (consoleLevel == Level.DEBUG) {
        slow.debugLine(buf, start, shape.timeEnd, shape.timeEnd + 5, end);
      } else if (consoleLevel == Level.NONE) {
        slow.debugJson(buf, start, end);
      }
      return;
    }
    ParsedLine l = line;
    l.reset(buf, start, end);
    if (start < end && buf[start] == '{') {
      if (!json.parse(buf, start, end, l)) {
        skipped[SkipReason.NOT_CLOUDFLARED.ordinal()]++;
        return;
      }
    } else if (shape.level != Level.NONE) {
      l.level = shape.level; // found by the shape check: the time is not parsed twice
      l.timeStart = start;
      l.timeEnd = shape.timeEnd;
      l.messageStart = Math.min(shape.timeEnd + 5, end);
    } else {
      bare(l);
      return;
    }
    cloudflared(shape.wrapper);
    Level level = l.level;
    if (!level.isProblem()) {
      if (level == Level.INFO) {
        info(l);
      }
      return;
    }
    if (!l.json) {
      console.parseFields(buf, l.fieldsFrom(), end, l);
    }
    problem(l);
  }

  private void cloudflared(Wrapper wrapper) {
    cloudflaredLines++;
    wrappers[wrapper.ordinal()]++;
  }

  /**
   * A JSON line of cloudflared's log file at debug level: zerolog writes {@code level} first. The line
   * must still close its object; anything else goes through the JSON parser.
   */
  private static boolean isJsonDebug(byte[] buf, int start, int end) {
    return end - start > JSON_DEBUG.length && buf[end - 1] == '}' && ParsedLine.is(buf, start, JSON_DEBUG);
  }

  /** Whether an INF message starting at {@code at} may be one {@link #info} looks at (by its first byte). */
  private static boolean mayMatter(byte[] buf, int at, int end) {
    return at < end && (buf[at] == REGISTERED[0] || buf[at] == UPDATED_CONFIG[0]);
  }

  private void info(ParsedLine l) {
    if (l.messageStartsWith(REGISTERED)) {
      lastRegistered = lines;
    } else if (l.messageStartsWith(UPDATED_CONFIG)) {
      if (!l.json) {
        console.parseFields(l.buffer, l.fieldsFrom(), l.end, l);
      }
      int version = l.version;
      if (version >= 0) {
        tally.add(
            FindingCode.CONNECTOR_REMOTE_CONFIG,
            Severity.WARNING,
            Tally.NO_RULE,
            "",
            "",
            l.time(times),
            l.copy(MAX_SAMPLE_BYTES),
            file,
            "the connector applied a remotely managed configuration (version " + version + "), so the config file's ingress rules are ignored",
            "Manage the ingress in one place: edit it in the dashboard (or API), or migrate the tunnel back to a locally managed config.",
            "");
      }
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private void problem(ParsedLine l) {
    if (l.level != Level.WARN && l.hasError()) {
      boolean proxy = l.hasService();
      boolean transport = l.messageIs(REQUEST_FAILED) || l.messageIs(FAILED_TO_SERVE);
      if (proxy || transport || l.errorSaysUnableToReach()) {
        pairing.accept(event(l, proxy ? RequestEvent.Kind.PROXY : RequestEvent.Kind.TRANSPORT));
        return;
      }
      if (l.messageIs(CLIENT_FAILED)) {
        record(event(l, RequestEvent.Kind.CLIENT)); // cloudflared access: one line per failure
        return;
      }
    }
    String message = l.message(interner);
    String error = l.hasError() ? l.cause(interner) : "";
    if (problems.isNothing(message, error)) {
      if (l.level != Level.WARN) {
        unexplained(l.copy(MAX_SAMPLE_BYTES));
      }
      return;
    }
    String ingress = ConnectorProblem.ingressCode(message, error);
    if (ingress != null) {
      tally.add(ingress, Severity.ERROR, Tally.NO_RULE, "", "", l.time(times), l.copy(MAX_SAMPLE_BYTES), file,
          "cloudflared refused its ingress rules (" + message + "), so it serves nothing until they are fixed",
          "Fix the rule cloudflared names (run cloudflared tunnel ingress validate, or tunnel-doctor validate, on the config), then restart cloudflared or push the configuration again.",
          error);
      return;
    }
    ConnectorProblem problem = ConnectorProblem.match(error.isEmpty() ? message : message + " " + error);
    if (problem == null) {
      problems.rememberNothing(message, error);
      if (l.level != Level.WARN) {
        unexplained(l.copy(MAX_SAMPLE_BYTES));
      }
      return;
    }
    connectorProblem(problem, l.time(times), l.copy(MAX_SAMPLE_BYTES));
  }

  private RequestEvent event(ParsedLine l, RequestEvent.Kind kind) {
    String path = mapper != null && !l.hasRule() ? HostRuleMapper.pathOf(l.dest()) : "";
    String host = kind == RequestEvent.Kind.CLIENT ? l.originUrlHost(interner) : l.destHost(interner);
    String cause = l.cause(interner);
    String service = l.service(interner);
    int rule = l.hasRule() ? l.ingressRule : Tally.NO_RULE;
    // the line is copied only when it may become a finding's sample: the first of its (code, rule)
    String code = codeOf(cause, service);
    boolean connectorWide = !code.startsWith("ORIGIN_");
    boolean firstOfItsKind = !tally.has(code, connectorWide ? Tally.NO_RULE : ruleOf(rule, host, path), connectorWide ? "" : service);
    RequestEvent event = new RequestEvent(kind, cause, l.connIndex, lines, rule, service, host, path, l.time(times),
        firstOfItsKind ? l.copy(MAX_SAMPLE_BYTES) : null, file);
    event.ray = l.ray;
    if (l.ray != 0 && code.equals(FindingCode.ORIGIN_SLOW)) {
      event.rayText = PendingRequests.rayText(l.buffer, l.rayStart, l.end);
    }
    return event;
  }

  private String codeOf(String cause, String service) {
    OriginCause known = causes.of(cause, service);
    return known == null ? FindingCode.ORIGIN_FAILURE_UNCLASSIFIED : known.code();
  }

  private int ruleOf(int logged, String host, String path) {
    return logged == Tally.NO_RULE && mapper != null && !host.isEmpty() ? mapper.ruleFor(host, path) : logged;
  }

  private void unexplained(byte[] sample) {
    if (unexplainedErrorLines++ == 0) {
      String text = Redaction.redact(new String(sample, StandardCharsets.UTF_8));
      unexplainedSample = text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }
  }

  private void bare(ParsedLine l) {
    String text = l.text();
    if (text.length() < 512) {
      ConnectorProblem problem = ConnectorProblem.bare(text);
      if (problem == null && isGoLogLine(l.buffer, l.start, l.end) && text.contains("too many open files")) {
        problem = ConnectorProblem.match(text); // Go's own log, e.g. "http: Accept error: ...: too many open files"
      }
      if (problem != null) {
        cloudflared(shape.wrapper);
        connectorProblem(problem, "", l.copy(MAX_SAMPLE_BYTES));
        return;
      }
    }
    skipped[SkipReason.NOT_CLOUDFLARED.ordinal()]++;
  }

  /** {@code 2024/12/10 10:00:00 } (Go's standard log package, which cloudflared's libraries write to). */
  private static boolean isGoLogLine(byte[] b, int s, int e) {
    return s + 20 <= e && b[s + 4] == '/' && b[s + 7] == '/' && b[s + 10] == ' ' && b[s + 13] == ':' && b[s + 16] == ':' && b[s + 19] == ' ';
  }

  private void connectorProblem(ConnectorProblem problem, String time, byte[] sample) {
    if (problem.code().equals(FindingCode.CREDENTIALS_INVALID) && problem.needles().size() == 2) {
      // "... contained invalid JSON" is followed by "Invalid JSON when parsing ...": one problem
      if (lines - lastCredentialsInvalid <= 3) {
        return;
      }
      lastCredentialsInvalid = lines;
    }
    if (problem.code().equals(FindingCode.EDGE_CONNECTION_FAILED)) {
      lastEdgeFailure = lines;
    }
    tally.add(problem.code(), Severity.ERROR, Tally.NO_RULE, "", "", time, sample, file, problem.explanation(), problem.remediation(), "");
  }

  private void record(RequestEvent event) {
    failedRequests++;
    OriginCause cause = causes.of(event.cause, event.originService);
    int rule = ruleOf(event.rule, event.host, event.path);
    String service = event.originService;
    if (service.isEmpty() && model != null && rule >= 0 && rule < model.rules().size()) {
      service = model.rule(rule).service().toString();
    }
    if (cause == null) {
      slow.failed(event);
      unexplainedRequests++;
      String shortCause = event.cause.length() <= 200 ? event.cause : event.cause.substring(0, 200) + "…";
      tally.add(FindingCode.ORIGIN_FAILURE_UNCLASSIFIED, Severity.WARNING, rule, service, event.host, event.time, event.sample, event.file,
          "no finding code covers their cause; the first was: " + shortCause,
          "Read the sample line and the origin's own logs at these times; the cause is the Go error after \"error=\". If it names a problem the doctor should know, report it with the line.",
          event.cause);
      return;
    }
    if (!cause.code().startsWith("ORIGIN_")) {
      slow.failed(event);
      // a connector-wide cause (out of file descriptors): one finding, whatever the rule
      tally.add(cause.code(), cause.severity(), Tally.NO_RULE, "", "", event.time, event.sample, event.file, cause.explanation(), cause.remediation(), event.cause);
      return;
    }
    tally.add(cause.code(), cause.severity(), rule, service, event.host, event.time, event.sample, event.file, cause.explanation(), cause.remediation(), event.cause);
    if (cause.code().equals(FindingCode.ORIGIN_SLOW)) {
      slow.cancelled(event, rule, rule == Tally.NO_RULE ? service : ""); // one finding per rule, as in the tally
    } else {
      slow.failed(event);
    }
  }

  private int stripAnsi(byte[] buf, int start, int end) {
    if (scratch.length < end - start) {
      scratch = new byte[end - start];
    }
    byte[] out = scratch;
    int o = 0;
    int i = start;
    while (i < end) {
      byte b = buf[i];
      if (b == 27 && i + 1 < end && buf[i + 1] == '[') {
        i += 2;
        while (i < end && (buf[i] < 0x40 || buf[i] > 0x7E)) {
          i++;
        }
        i++; // the final byte, e.g. 'm'
        continue;
      }
      if (b != 27) {
        out[o++] = b;
      }
      i++;
    }
    return o;
  }

  LogAnalysis finish() {
    pairing.flush();
    if (lastEdgeFailure >= 0 && lastRegistered > lastEdgeFailure) {
      tally.annotate(FindingCode.EDGE_CONNECTION_FAILED, "recovered", "a tunnel connection registered after the last failure", Severity.WARNING);
    }
    slow.annotate(tally);
    LogReport report = report();
    List<Finding> findings = new ArrayList<>(tally.findings());
    Finding input = InputFinding.of(report, truncatedFiles, invalidGzipFiles);
    if (input != null) {
      findings.add(input);
    }
    return new LogAnalysis(findings, report);
  }

  LogReport report() {
    Map<String, Long> byWrapper = new LinkedHashMap<>();
    for (Wrapper w : Wrapper.values()) {
      if (wrappers[w.ordinal()] > 0) {
        byWrapper.put(w.key, wrappers[w.ordinal()]);
      }
    }
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (SkipReason r : SkipReason.values()) {
      if (skipped[r.ordinal()] > 0) {
        byReason.put(r.key(), skipped[r.ordinal()]);
      }
    }
    return new LogReport(files, bytes, lines, cloudflaredLines, byWrapper, byReason, failedRequests, unexplainedRequests,
        unexplainedErrorLines, unexplainedSample, !truncatedFiles.isEmpty(), !stopped);
  }
}
