package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.internal.report.RouteTableWriter;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTable;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTableException;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTableLoader;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTableResult;
import io.github.tunneldiagnostics.core.internal.routetable.RouteTableRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunnel-doctor test ROUTES.yaml}: route-table tests for CI, like Envoy's router_check_tool. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    versionProvider = TunnelDoctor.Version.class,
    description = {
      "Run route-table tests: each case names a URL and the rule, hostname or service that must serve it (or the "
          + "catch-all), optionally that its origin answers. Reports each case, the rules no case covers and the share "
          + "covered.",
      "",
      "URLs are matched exactly as cloudflared does (like 'match'). Only cases with originAnswers: true send traffic, "
          + "to their rule's origin. The table format is in the README."
    },
    footer = {"", "Exit codes: 0 every case passed (and coverage at least --fail-under), 1 a case failed, coverage too low "
        + "or the config does not validate, 2 usage error or unreadable table or config, 3 internal error."})
final class TestCommand implements Callable<Integer> {
  /** The formats of this command. */
  enum Format { TEXT, JSON, JUNIT }

  private static final List<String> REFUSED = List.of(FindingCode.INGRESS_INVALID, FindingCode.INGRESS_EMPTY, FindingCode.CONFIG_YAML_INVALID);

  private final DoctorContext context;

  @Spec
  @Nullable CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ROUTES.yaml", description = "The route table.")
  @Nullable Path table;

  @Option(names = "--config", paramLabel = "FILE", description = "The cloudflared config to test (default: the table's config:).")
  @Nullable Path config;

  @Option(names = "--fail-under", paramLabel = "PERCENT", defaultValue = "0",
      description = "Fail when the cases cover less than PERCENT of the rules (0-100; default: ${DEFAULT-VALUE}).")
  double failUnder;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "Bound the origin probes of the originAnswers cases (default: ${DEFAULT-VALUE}).")
  Duration timeout = Duration.ofSeconds(10);

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json or junit (default: ${DEFAULT-VALUE}).")
  Format format = Format.TEXT;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the result to FILE instead of standard output.")
  @Nullable Path output;

  TestCommand(DoctorContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (failUnder < 0 || failUnder > 100) {
      throw new UsageException("--fail-under " + failUnder + " must be a percentage between 0 and 100");
    }
    RouteTable routes;
    try {
      routes = RouteTableLoader.load(java.util.Objects.requireNonNull(table, "table"));
    } catch (RouteTableException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
    Path file = config != null ? config : routes.config();
    if (file == null) {
      throw new UsageException("no config to test: pass --config FILE, or name it in the table with 'config: config.yml'");
    }
    TunnelDiagnostics diagnostics = context.diagnostics().apply(ConfigFiles.readable(file));
    DiagnosisReport validation = diagnostics.validate();
    if (validation.findings().stream().map(Finding::code).anyMatch(REFUSED::contains)) {
      new OutputOptions().print(validation, context, TunnelDoctor.out(spec)); // cloudflared would refuse this config
      return ExitCode.BROKEN;
    }
    IngressModel model;
    try {
      model = diagnostics.load();
    } catch (ConfigException e) {
      throw new UsageException(e.finding().message());
    }
    RouteTableResult result = RouteTableRun.run(routes, model,
        urls -> diagnostics.url(urls.toArray(String[]::new)).timeout(timeout).probeOrigins());
    String rendered = switch (format) {
      case TEXT -> RouteTableWriter.text(result, failUnder);
      case JSON -> RouteTableWriter.json(result, failUnder);
      case JUNIT -> RouteTableWriter.junit(result, failUnder);
    };
    emit(rendered);
    return result.passed() && result.coveragePercent() >= failUnder ? ExitCode.OK : ExitCode.BROKEN;
  }

  private void emit(String rendered) {
    Path file = output;
    if (file == null) {
      PrintWriter out = TunnelDoctor.out(spec);
      out.print(rendered);
      out.flush();
      return;
    }
    try {
      Files.writeString(file, rendered, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("cannot write the result to '" + file + "': " + ConfigFiles.reason(e));
    }
  }
}
