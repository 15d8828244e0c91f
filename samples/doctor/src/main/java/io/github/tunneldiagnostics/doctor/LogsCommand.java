package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunnel-doctor logs}: classify a connector's log files, as a report. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    versionProvider = TunnelDoctor.Version.class,
    description = {
      "Classify a cloudflared log: origin failures by cause and rule, edge and credential problems, "
          + "each with how often it happened, when first and last, and a sample line.",
      "",
      "Reads console or JSON-lines logs, plain or .gz, in the order given. With --config, failures are "
          + "attributed to that config's rules. Nothing is sent over the network."
    },
    footer = {
      "",
      "Exit codes: 0 nothing broken (or only warnings without --strict), 1 errors found (or warnings with --strict), "
          + "2 usage error or unreadable file, 3 internal error."
    })
final class LogsCommand implements Callable<Integer> {
  /** Bounds the reading of very large logs; the report says when it stopped early. */
  static final Duration READ_LIMIT = Duration.ofMinutes(2);

  private final DoctorContext context;

  @Spec
  @Nullable CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "The log files, e.g. /var/log/cloudflared.log or journal.txt.gz.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE", description = "The config the connector ran with, to name its rules.")
  @Nullable Path config;

  @Option(names = "--strict", description = "Exit with 1 when the verdict is DEGRADED (warnings only).")
  boolean strict;

  @Mixin
  OutputOptions output = new OutputOptions();

  LogsCommand(DoctorContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return run(context, files, config, strict, output, TunnelDoctor.out(spec));
  }

  /** What the command does once its arguments are parsed (by picocli, or by {@link LogsFastPath}). */
  static int run(DoctorContext context, List<Path> files, @Nullable Path config, boolean strict, OutputOptions output, PrintWriter out) {
    files.forEach(LogFiles::readable);
    TunnelDiagnostics diagnostics = config != null ? context.diagnostics().apply(ConfigFiles.readable(config)) : TunnelDiagnostics.withoutConfig();
    DiagnosisReport report = diagnostics.logs(files.toArray(Path[]::new)).timeout(READ_LIMIT).analyzeLogs();
    output.print(report, context, out);
    return ExitCode.of(report.verdict(), strict);
  }
}
