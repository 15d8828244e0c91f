package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.api.InvalidRouteUrlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tunnel-doctor validate}: the static checks, like {@code cloudflared tunnel ingress validate}, explained. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = TunnelDoctor.Version.class,
    description = {
      "Check a config like 'cloudflared tunnel ingress validate', and explain each problem with its fix.",
      "",
      "Static checks only: nothing is sent over the network. With --url, also checks which rule serves each URL."
    },
    footer = {
      "",
      "Exit codes: 0 healthy (or degraded without --strict), 1 broken (or degraded with --strict), "
          + "2 usage error or unreadable config, 3 internal error."
    })
final class ValidateCommand implements Callable<Integer> {
  private final DoctorContext context;

  @Spec
  @Nullable CommandSpec spec;

  @Mixin
  ConfigOption config = new ConfigOption();

  @Option(names = "--url", paramLabel = "URL",
      description = "Also check which rule serves URL (repeatable); the hostname is lower-cased as a browser does.")
  List<String> urls = new ArrayList<>();

  @Option(names = "--strict", description = "Exit with 1 when the verdict is DEGRADED (warnings only).")
  boolean strict;

  @Mixin
  OutputOptions output = new OutputOptions();

  ValidateCommand(DoctorContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path file = ConfigFiles.readable(config.file);
    TunnelDiagnostics diagnostics = context.diagnostics().apply(file).url(urls.toArray(String[]::new)).discoverChecks();
    DiagnosisReport report;
    try (ProgressLine progress = context.progress(TunnelDoctor.err(spec))) {
      report = diagnostics.listener(progress).validate();
    } catch (InvalidRouteUrlException e) {
      throw new UsageException(e.getMessage());
    }
    output.print(report, context, TunnelDoctor.out(spec));
    return ExitCode.of(report.verdict(), strict);
  }
}
