package io.github.tunneldiagnostics.core.internal.logs;

import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The state of one classification run over one or more files: receives lines, keeps counters. */
final class LogReading implements LineScanner.Sink {
  private static final byte[] REGISTERED = ascii("Registered tunnel connection");
  private static final byte[] UPDATED_CONFIG = ascii("Updated to new configuration");
  private static final byte[] REQUEST_FAILED = ascii("Request failed");
  private static final byte[] FAILED_TO_SERVE = ascii("failed to serve incoming request");

  private final @Nullable IngressModel model;
  private final @Nullable HostRuleMapper mapper;
  private final @Nullable Instant deadline;
  private final Clock clock;
  private final ParsedLine line = new ParsedLine();
  private final ConsoleLineParser console = new ConsoleLineParser();
  private final JsonLineParser json = new JsonLineParser();
  private final OriginCause.Cache causes = new OriginCause.Cache();
  private final ByteInterner interner = new ByteInterner(1 << 12);
  private final ByteInterner times = new ByteInterner(1 << 8);
  private final Tally tally;
  private final RequestPairing pairing;
  private byte[] scratch = new byte[4096];

  final List<String> files = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
  long bytes;
  long lines;
  long crlfLines;
  long consoleLines;
  long jsonLines;
  long failedRequests;
  long abandonedRequests;
  long unclassifiedErrors;
  boolean stopped;
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
    this.pairing = new RequestPairing(this::record);
  }

  void startFile(String name) {
    file = name;
    files.add(name);
  }

  void endFile() {
    pairing.flush();
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
    skipped.merge(reason, 1L, Long::sum);
  }

  @Override
  public void line(byte[] buf, int start, int end, int flags) {
    lines++;
    if ((flags & LineScanner.CRLF) != 0) {
      crlfLines++;
    }
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
    ParsedLine l = line;
    l.reset(buf, start, end);
    if (buf[start] == '{') {
      if (!json.parse(buf, start, end, l)) {
        skipped.merge(SkipReason.NOT_A_LOG_LINE, 1L, Long::sum);
        return;
      }
      jsonLines++;
    } else if (console.parse(buf, start, end, l)) {
      consoleLines++;
    } else {
      bare(l);
      return;
    }
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
            l.copy(),
            file,
            "the connector applied a remotely managed configuration (version " + version + "), so the config file's ingress rules are ignored",
            "Manage the ingress in one place: edit it in the dashboard (or API), or migrate the tunnel back to a locally managed config.",
            "");
      }
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private void problem(ParsedLine l) {
    boolean proxyLine = l.hasService() || l.messageIsEmpty();
    boolean request =
        l.hasService()
            || l.messageIs(REQUEST_FAILED)
            || l.messageIs(FAILED_TO_SERVE)
            || l.errorSaysUnableToReach();
    if (request && l.hasError()) {
      String path = mapper != null && !l.hasRule() ? HostRuleMapper.pathOf(l.dest()) : "";
      RequestEvent event =
          new RequestEvent(
              proxyLine ? RequestEvent.Kind.PROXY : RequestEvent.Kind.TRANSPORT,
              l.cause(interner),
              l.connIndex,
              lines,
              l.hasRule() ? l.ingressRule : Tally.NO_RULE,
              l.service(interner),
              l.destHost(interner),
              path,
              l.time(times),
              l.copy(),
              file);
      if (proxyLine && isStream(event.originService)) {
        record(event); // stream services (ssh, rdp, tcp...) log one line per failure, without the wrapper
      } else {
        pairing.accept(event);
      }
      return;
    }
    String message = l.message();
    String text = l.hasError() ? message + " " + l.error() : message;
    ConnectorProblem problem = ConnectorProblem.match(text);
    if (problem == null) {
      if (l.level != Level.WARN) {
        unclassifiedErrors++;
      }
      return;
    }
    connectorProblem(problem, l.time(times), l.copy());
  }

  /** ssh, rdp, smb, tcp and other non-HTTP schemes: TCP over websocket. */
  private static boolean isStream(String service) {
    return service.contains("://")
        && !service.startsWith("http://")
        && !service.startsWith("https://")
        && !service.startsWith("ws://")
        && !service.startsWith("wss://");
  }

  private void bare(ParsedLine l) {
    String text = l.text();
    if (ConnectorProblem.isBareMessage(text)) {
      ConnectorProblem problem = ConnectorProblem.match(text);
      if (problem != null) {
        connectorProblem(problem, "", l.copy());
        return;
      }
    }
    skipped.merge(SkipReason.NOT_A_LOG_LINE, 1L, Long::sum);
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
    OriginCause cause = causes.of(event.cause, event.originService);
    if (cause == null) {
      if (event.cause.contains(OriginCause.ABANDONED) || event.cause.contains("context canceled")) {
        abandonedRequests++;
      } else {
        failedRequests++;
        unclassifiedErrors++;
      }
      return;
    }
    failedRequests++;
    int rule = event.rule;
    if (rule == Tally.NO_RULE && mapper != null && !event.host.isEmpty()) {
      rule = mapper.ruleFor(event.host, event.path);
    }
    String service = event.originService;
    if (service.isEmpty() && model != null && rule >= 0 && rule < model.rules().size()) {
      service = model.rule(rule).service().toString();
    }
    tally.add(cause.code(), Severity.ERROR, rule, service, event.host, event.time, event.sample, event.file, cause.explanation(), cause.remediation(), event.cause);
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
    List<String> allNotes = new ArrayList<>(notes);
    if (tally.overflow() > 0) {
      allNotes.add(tally.overflow() + " events beyond the first 1000 distinct (code, rule, service, hostname) groups were only counted");
    }
    if (stopped) {
      allNotes.add("reading stopped at the deadline after " + bytes + " bytes");
    }
    LogSummary summary =
        new LogSummary(files, bytes, lines, skipped, crlfLines, consoleLines, jsonLines, failedRequests, abandonedRequests, unclassifiedErrors, allNotes, !stopped);
    return new LogAnalysis(tally.findings(), summary);
  }
}
