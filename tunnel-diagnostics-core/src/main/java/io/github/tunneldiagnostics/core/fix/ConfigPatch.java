package io.github.tunneldiagnostics.core.fix;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.internal.Redaction;
import io.github.tunneldiagnostics.core.ConfigException;
import io.github.tunneldiagnostics.core.internal.config.ConfigLoader;
import io.github.tunneldiagnostics.core.internal.files.BoundedFile;
import io.github.tunneldiagnostics.core.internal.fix.AtomicFileWriter;
import io.github.tunneldiagnostics.core.internal.fix.PatchComposer;
import io.github.tunneldiagnostics.core.internal.fix.RulePlan;
import io.github.tunneldiagnostics.core.internal.fix.UnifiedDiff;
import io.github.tunneldiagnostics.core.internal.ingress.IngressValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A change to a cloudflared config file made of {@link Remedy remedies}: the text is edited at the YAML
 * nodes' positions (never re-serialised), so comments, blank lines, order, quoting, anchors, indentation
 * and line breaks stay byte for byte. Remedies that cannot be made, or that conflict with an earlier one,
 * are {@linkplain #refused() refused} with the reason; the others compose into one patch.
 *
 * <pre>{@code
 * ConfigPatch patch = ConfigPatch.read(path, report.remedies());
 * String diff = patch.diff();   // the unified diff to show before writing
 * WriteResult result = patch.write(TargetVerifier.probing(Resolver.system(), Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>{@link #applyTo(Path, TargetVerifier)} writes only behind the gate: (a) the patched text validates
 * as cloudflared validates it, (b) every changed rule's new target answers, (c) the file still holds the
 * bytes that were read. The write is atomic (a temporary file renamed over it in the same directory), keeps
 * the file's mode and owner, and leaves a backup beside it. Immutable and thread-safe.
 */
public final class ConfigPatch {
  /** The largest config file read: the config loader's bound (a FIFO or device is refused before it is opened). */
  private static final long MAX_CONFIG_BYTES = 4L * 1024 * 1024;

  /** A remedy left out of the patch, and why. */
  public record Refusal(Remedy remedy, String reason) {
    /** The record's fields, under the redaction policy. */
    @Override
    public String toString() {
      return Redaction.toString(this);
    }

    public Refusal {
      Objects.requireNonNull(remedy, "remedy");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final Path file;
  private final byte[] originalBytes;
  private final String original;
  private final String patched;
  private final List<Remedy> applied;
  private final List<Refusal> refused;
  private final Set<Integer> changedRules;
  private final @Nullable String problem;
  private final @Nullable IngressModel patchedModel;

  private ConfigPatch(Path file, byte[] originalBytes, String original, PatchComposer.Result composed) {
    this.file = file;
    this.originalBytes = originalBytes.clone();
    this.original = original;
    this.applied = composed.applied();
    List<Refusal> refusals = new ArrayList<>();
    composed.refused().forEach((remedy, reason) -> refusals.add(new Refusal(remedy, reason)));
    String text = composed.text();
    String why = null;
    IngressModel model = null;
    Set<Integer> changed = Set.of();
    if (!applied.isEmpty()) {
      try {
        model = ConfigLoader.parse(text, file);
        List<Finding> invalid = IngressValidator.validate(model).stream()
            .filter(f -> f.severity() == Severity.ERROR
                && (f.code().equals(FindingCode.INGRESS_INVALID) || f.code().equals(FindingCode.INGRESS_EMPTY)))
            .toList();
        if (!invalid.isEmpty()) {
          why = "the patched config would not validate: " + invalid.get(0).message();
        }
      } catch (ConfigException e) {
        why = "the patched config would not load: " + e.finding().message();
      }
      if (model != null) {
        RulePlan plan = RulePlan.of(planInput(original, file, model), applied);
        changed = plan.changedRules();
        IngressModel patchedRules = model;
        Optional<String> mismatch = originalModel(original, file).flatMap(o -> plan.mismatch(patchedRules));
        if (why == null && mismatch.isPresent()) {
          why = "the patch would not make the intended change (" + mismatch.get() + "); this is a bug, please report it";
        }
      }
    }
    this.refused = List.copyOf(refusals);
    this.patched = why != null ? original : text;
    this.problem = why;
    this.patchedModel = why != null ? null : model;
    this.changedRules = Set.copyOf(new LinkedHashSet<>(changed));
  }

  /** The plan's input: the original rules when the original loads, else the patched ones (e.g. a bare-number duration). */
  private static List<RulePlan.PlannedRule> planInput(String original, Path file, IngressModel patched) {
    return originalModel(original, file).map(RulePlan::rulesOf).orElseGet(() -> RulePlan.rulesOf(patched));
  }

  private static Optional<IngressModel> originalModel(String original, Path file) {
    try {
      return Optional.of(ConfigLoader.parse(original, file));
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads {@code file} and composes the config remedies among {@code remedies} ({@link Remedy.Manual}
   * ones are skipped, identical ones made once).
   *
   * @throws IOException when the file cannot be read
   */
  public static ConfigPatch read(Path file, List<Remedy> remedies) throws IOException {
    byte[] bytes = BoundedFile.read(file, MAX_CONFIG_BYTES);
    return of(bytes, file, remedies);
  }

  /** Composes {@code remedies} over the config bytes {@code bytes} read from {@code file}. */
  public static ConfigPatch of(byte[] bytes, Path file, List<Remedy> remedies) {
    Objects.requireNonNull(file, "file");
    String text = new String(bytes, StandardCharsets.UTF_8);
    String bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
    PatchComposer.Result composed = PatchComposer.compose(text.substring(bom.length()), file.toString(), List.copyOf(remedies));
    return new ConfigPatch(file, bytes, text.substring(bom.length()), composed);
  }

  /** The file the patch is for. */
  public Path file() {
    return file;
  }

  /** The text as read (without a byte-order mark). */
  public String original() {
    return original;
  }

  /** The text after the patch; equal to {@link #original()} when nothing applies or the patch is invalid. */
  public String patched() {
    return patched;
  }

  /** The remedies in the patch, in order. */
  public List<Remedy> applied() {
    return problem != null ? List.of() : applied;
  }

  /** The remedies left out, each with its reason (conflicts, absent nodes, aliases …). */
  public List<Refusal> refused() {
    return refused;
  }

  /** Why the composed patch as a whole cannot be used (it would not validate), if so. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** True when the patch changes the file. */
  public boolean changesFile() {
    return !patched.equals(original);
  }

  /** Indexes, in the patched file, of the rules whose service or originRequest changes, or that are new. */
  public Set<Integer> changedRules() {
    return changedRules;
  }

  /** The model of the patched file, when the patch changes it and it validates. */
  public Optional<IngressModel> patchedModel() {
    return Optional.ofNullable(patchedModel);
  }

  /** The unified diff ({@code --- a/<name>} / {@code +++ b/<name>}), empty when nothing changes. */
  public String diff() {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    return UnifiedDiff.of(original, patched, "a/" + name, "b/" + name);
  }

  /** SHA-256 of the bytes the patch was made from, in hex. */
  public String originalSha256() {
    return sha256(originalBytes);
  }

  /** {@link #applyTo(Path, TargetVerifier)} on the file the patch was read from. */
  public WriteResult write(TargetVerifier verifier) throws IOException {
    return applyTo(file, verifier);
  }

  /**
   * Writes the patched text to {@code target} only when the gate passes: it validates, {@code verifier}
   * finds every changed rule's new target answering, and {@code target} still holds the bytes the patch
   * was made from. Atomic; mode and owner kept; the old bytes stay beside it as {@code <name>.<UTC time>.bak}.
   *
   * @throws IOException when the file cannot be read or written (nothing is left half-written)
   */
  public WriteResult applyTo(Path target, TargetVerifier verifier) throws IOException {
    return applyTo(target, verifier, Clock.systemUTC());
  }

  WriteResult applyTo(Path target, TargetVerifier verifier, Clock clock) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(verifier, "verifier");
    if (problem != null) {
      return refused(target, problem);
    }
    if (!changesFile()) {
      return new WriteResult(WriteResult.Status.NOTHING_TO_WRITE, target, null, List.of(), List.of());
    }
    if (!unchanged(target)) {
      return refused(target, changedMeanwhile(target));
    }
    List<String> targets = verifier.problems(Objects.requireNonNull(patchedModel), changedRules);
    if (!targets.isEmpty()) {
      return new WriteResult(WriteResult.Status.REFUSED, target, null, targets, List.of());
    }
    byte[] bytes = (bom() + patched).getBytes(StandardCharsets.UTF_8);
    Optional<Path> backup = AtomicFileWriter.replace(target, bytes, originalBytes, clock);
    if (backup.isEmpty()) {
      return refused(target, changedMeanwhile(target));
    }
    return new WriteResult(WriteResult.Status.WRITTEN, target, backup.get(), List.of(), applied);
  }

  private String bom() {
    return originalBytes.length >= 3 && (originalBytes[0] & 0xFF) == 0xEF && (originalBytes[1] & 0xFF) == 0xBB
        && (originalBytes[2] & 0xFF) == 0xBF ? "\uFEFF" : "";
  }

  private static String changedMeanwhile(Path target) {
    return target + " changed since it was read; run fix again to patch what it holds now";
  }

  private boolean unchanged(Path target) throws IOException {
    return sha256(BoundedFile.read(target, MAX_CONFIG_BYTES)).equals(originalSha256());
  }

  private static WriteResult refused(Path target, String reason) {
    return new WriteResult(WriteResult.Status.REFUSED, target, null, List.of(reason), List.of());
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
