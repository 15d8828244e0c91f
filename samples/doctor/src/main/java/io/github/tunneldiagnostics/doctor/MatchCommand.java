package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.api.InvalidRouteUrlException;
import io.github.tunneldiagnostics.core.report.MatchReport;
import io.github.tunneldiagnostics.core.internal.ingress.IngressValidator;
import java.nio.file.Path;
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

/**
 * {@code tunnel-doctor match}: which rule serves each URL, like {@code cloudflared tunnel ingress rule},
 * with cloudflared's exact matching. As cloudflared, it refuses a config whose ingress does not validate
 * (or that cannot be read): it prints the validation report instead and exits with 1. Like cloudflared, it
 * answers whatever else the config lacks (a credentials file, a CA pool that exist only on the connector
 * host).
 */
@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    versionProvider = TunnelDoctor.Version.class,
    description = {
      "Show which ingress rule serves each URL, like 'cloudflared tunnel ingress rule URL', and why.",
      "",
      "Uses cloudflared's exact matching: the hostname is compared as written (not lower-cased), a port is "
          + "ignored, the path is percent-decoded and matched unanchored, and the first matching rule wins. "
          + "Rule numbers are 0-based, like cloudflared's ingressRule= log field."
    },
    footer = {
      "",
      "Exit codes: 0 matched, 1 the config does not validate, 2 usage error, unreadable config or a URL "
          + "cloudflared refuses, 3 internal error."
    })
final class MatchCommand implements Callable<Integer> {
  private final DoctorContext context;

  @Spec
  @Nullable CommandSpec spec;

  @Mixin
  ConfigOption config = new ConfigOption();

  @Parameters(paramLabel = "URL", arity = "1..*", description = "The URLs to look up, e.g. https://app.example.com/api.")
  List<String> urls = new ArrayList<>();

  @Mixin
  OutputOptions output = new OutputOptions();

  MatchCommand(DoctorContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws ConfigException {
    output.requireMatchFormat();
    Path file = ConfigFiles.readable(config.file);
    TunnelDiagnostics diagnostics = context.diagnostics().apply(file);
    DiagnosisReport validation = diagnostics.validate();
    if (!IngressValidator.refusingMatch(validation.findings()).isEmpty()) {
      output.print(validation, context, TunnelDoctor.out(spec));
      return ExitCode.BROKEN;
    }
    MatchReport matches;
    try {
      matches = diagnostics.url(urls.toArray(String[]::new)).matchUrls();
    } catch (InvalidRouteUrlException e) {
      throw new UsageException(e.getMessage());
    }
    output.print(matches, context, TunnelDoctor.out(spec));
    return ExitCode.OK;
  }
}
