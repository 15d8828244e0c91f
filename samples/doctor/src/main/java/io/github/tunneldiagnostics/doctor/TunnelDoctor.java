package io.github.tunneldiagnostics.doctor;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command-line doctor. {@code main} exits with 0 (healthy, or degraded without {@code --strict}),
 * 1 (broken), 2 (usage error or unreadable config; message on stderr) or 3 (internal error).
 */
@Command(
    name = "tunnel-doctor",
    mixinStandardHelpOptions = true,
    versionProvider = TunnelDoctor.Version.class,
    description = {
      "Finds out why a hostname served through a Cloudflare Tunnel answers 502, and says what to change.",
      "",
      "Without a command it runs 'diagnose' (options such as --config or --demo go to it). New here? Try --demo."
    },
    synopsisSubcommandLabel = "[COMMAND]",
    commandListHeading = "%nCommands:%n")
public final class TunnelDoctor {
  private static final Set<String> STANDARD_OPTIONS = Set.of("-h", "--help", "-V", "--version");

  /** Where users report bugs; printed with every internal error. */
  static final String ISSUES = "https://github.com/tunneldiagnostics/tunnel-diagnostics/issues";

  private TunnelDoctor() {}

  /** Runs the doctor and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine(DoctorContext.system()).execute(withDefaultCommand(args)));
  }

  /** The configured command line; tests set its out and err and call {@code execute}. */
  static CommandLine commandLine(DoctorContext context) {
    CommandLine commandLine = new CommandLine(new TunnelDoctor());
    commandLine.addSubcommand(new ValidateCommand(context));
    commandLine.addSubcommand(new MatchCommand(context));
    commandLine.addSubcommand(new DiagnoseCommand(context));
    commandLine.addSubcommand(new LogsCommand(context));
    commandLine.addSubcommand(new ServeCommand(context));
    commandLine.addSubcommand(new TestCommand(context));
    commandLine.addSubcommand(new FixCommand(context));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> {
          PrintWriter err = failed.getErr();
          if (exception instanceof UsageException) {
            err.println(Redaction.redact("tunnel-doctor: " + exception.getMessage()));
            err.flush();
            return ExitCode.USAGE;
          }
          err.println(Redaction.redact("tunnel-doctor: internal error: " + exception.getClass().getName()
              + (exception.getMessage() != null ? ": " + exception.getMessage() : "")));
          StackTraceElement[] trace = exception.getStackTrace();
          if (trace.length > 0) {
            err.println("  at " + trace[0]);
          }
          err.println("This is a bug in tunnel-doctor. Please report it at " + ISSUES);
          err.println("with the command you ran and the lines above.");
          err.flush();
          return ExitCode.INTERNAL_ERROR;
        });
    commandLine.setParameterExceptionHandler(
        (exception, args) -> {
          // picocli's own handler would echo the offending argument, which may be a token
          CommandLine failed = exception.getCommandLine();
          PrintWriter err = failed.getErr();
          err.println(Redaction.redact(String.valueOf(exception.getMessage())));
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(exception, err)) {
            failed.usage(err);
          }
          err.flush();
          return ExitCode.USAGE;
        });
    return commandLine;
  }

  /**
   * The arguments with {@code diagnose} in front when they name no command: no arguments at all, or
   * options such as {@code --demo} or {@code --config FILE} (but not {@code --help} or {@code --version}).
   */
  static String[] withDefaultCommand(String[] args) {
    if (args.length > 0 && (!args[0].startsWith("-") || STANDARD_OPTIONS.contains(args[0]))) {
      return args;
    }
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "diagnose";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    return withCommand;
  }

  static PrintWriter out(@Nullable CommandSpec spec) {
    return Objects.requireNonNull(spec, "spec").commandLine().getOut();
  }

  static PrintWriter err(@Nullable CommandSpec spec) {
    return Objects.requireNonNull(spec, "spec").commandLine().getErr();
  }

  /** The version from the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = TunnelDoctor.class.getPackage().getImplementationVersion();
      return new String[] {"tunnel-doctor " + (version != null ? version : "(development build)")};
    }
  }
}
