package io.github.tunneldiagnostics.testkit;

import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.core.fix.ConfigPatch;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractObjectAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a {@link ConfigPatch}: what it applies, what it refuses and why, which rules get a new
 * target, and its diff. Obtain through {@link TunnelAssertions#assertThat(ConfigPatch)}.
 *
 * <pre>{@code
 * ConfigPatch patch = ConfigPatch.read(config, report.remedies());
 * assertThat(patch).appliesEveryRemedy().changesTargetsOfRules(0).hasDiff("""
 *     --- a/config.yml
 *     ...""");
 * }</pre>
 */
public class ConfigPatchAssert extends AbstractObjectAssert<ConfigPatchAssert, @Nullable ConfigPatch> {

  /** Assertions on {@code actual}. */
  public ConfigPatchAssert(@Nullable ConfigPatch actual) {
    super(actual, ConfigPatchAssert.class);
  }

  /** Every config remedy given is in the patch: none refused, and the patch as a whole validates. */
  public ConfigPatchAssert appliesEveryRemedy() {
    ConfigPatch patch = present();
    if (patch != null && (!patch.refused().isEmpty() || patch.problem().isPresent())) {
      failWithMessage("%nExpecting the patch to apply every remedy%nbut%n%s", describe(patch));
    }
    return myself;
  }

  /** {@code remedy} is in the patch. */
  public ConfigPatchAssert applies(Remedy remedy) {
    ConfigPatch patch = present();
    if (patch != null && !patch.applied().contains(remedy)) {
      failWithMessage("%nExpecting the patch to apply%n  %s (%s)%nbut%n%s", remedy.describe(), remedy.kind(), describe(patch));
    }
    return myself;
  }

  /** {@code remedy} was left out of the patch for exactly {@code reason}. */
  public ConfigPatchAssert refuses(Remedy remedy, String reason) {
    ConfigPatch patch = present();
    if (patch != null && patch.refused().stream().noneMatch(r -> r.remedy().equals(remedy) && r.reason().equals(reason))) {
      failWithMessage("%nExpecting the patch to refuse%n  %s (%s)%nbecause%n  %s%nbut%n%s", remedy.describe(), remedy.kind(), reason, describe(patch));
    }
    return myself;
  }

  /**
   * Exactly these rules (indexes in the patched file) get a new target, so the write gate probes exactly them;
   * none for a patch that only fixes a duration or a key name.
   */
  public ConfigPatchAssert changesTargetsOfRules(int... rules) {
    ConfigPatch patch = present();
    if (patch != null) {
      Set<Integer> expected = new TreeSet<>();
      for (int rule : rules) {
        expected.add(rule);
      }
      Set<Integer> actualRules = new TreeSet<>(patch.changedRules());
      if (!actualRules.equals(expected)) {
        failWithActualExpectedAndMessage(actualRules, expected, "%nExpecting the rules with a new target to be%n  %s%nbut they were%n  %s%n%s",
            expected, actualRules, describe(patch));
      }
    }
    return myself;
  }

  /** The patch's unified diff is exactly {@code diff}. */
  public ConfigPatchAssert hasDiff(String diff) {
    ConfigPatch patch = present();
    if (patch != null && !patch.diff().equals(diff)) {
      failWithActualExpectedAndMessage(patch.diff(), diff, "%nExpecting the diff%n%s%nbut it was%n%s", diff, patch.diff());
    }
    return myself;
  }

  /** The patch changes nothing in the file. */
  public ConfigPatchAssert changesNothing() {
    ConfigPatch patch = present();
    if (patch != null && patch.changesFile()) {
      failWithMessage("%nExpecting the patch to change nothing%nbut its diff is%n%s", patch.diff());
    }
    return myself;
  }

  private static String describe(ConfigPatch patch) {
    StringBuilder out = new StringBuilder();
    out.append("  applied:").append(patch.applied().isEmpty() ? " none" : "").append('\n');
    patch.applied().forEach(r -> out.append("    ").append(r.kind()).append(": ").append(r.describe()).append('\n'));
    out.append("  refused:").append(patch.refused().isEmpty() ? " none" : "").append('\n');
    patch.refused().forEach(r -> out.append("    ").append(r.remedy().kind()).append(": ").append(r.remedy().describe()).append(" — ")
        .append(r.reason()).append('\n'));
    patch.problem().ifPresent(p -> out.append("  problem: ").append(p).append('\n'));
    out.append("  rules with a new target: ").append(patch.changedRules().stream().sorted().map(String::valueOf)
        .collect(Collectors.joining(", ", "[", "]"))).append('\n');
    return out.toString();
  }

  private @Nullable ConfigPatch present() {
    isNotNull();
    return actual; // null only in soft mode, after isNotNull() recorded the failure
  }
}
