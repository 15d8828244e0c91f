package io.github.tunneldiagnostics.core.internal.fix;

import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.core.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Composes remedies into one edited text: each remedy becomes edits at its nodes' positions; one that
 * cannot be made, or that touches what an earlier one changes, is refused with the reason; identical
 * remedies are made once, and manual ones are not config changes.
 */
public final class PatchComposer {
  /**
   * What composing the remedies into one edit gave.
   *
   * @param text the edited text (the original when nothing applies)
   * @param applied the remedies whose edits are in {@code text}, in order
   * @param refused the remedies left out, each with its reason
   */
  public record Result(String text, List<Remedy> applied, Map<Remedy, String> refused) {
    public Result {
      applied = List.copyOf(applied);
      refused = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    }
  }

  private PatchComposer() {}

  public static Result compose(String text, String label, List<Remedy> remedies) {
    List<Remedy> applied = new ArrayList<>();
    Map<Remedy, String> refused = new LinkedHashMap<>();
    List<Remedy> configRemedies = remedies.stream().filter(Remedy::changesConfig).distinct().toList();
    if (configRemedies.isEmpty()) {
      return new Result(text, applied, refused);
    }
    YamlText yaml;
    try {
      yaml = YamlText.parse(text, label);
    } catch (ConfigException e) {
      configRemedies.forEach(r -> refused.put(r, "the file is not YAML that can be edited safely: " + e.finding().message()));
      return new Result(text, applied, refused);
    }
    RemedyEditor editor = new RemedyEditor(yaml);
    TextEdits edits = new TextEdits(text);
    for (Remedy remedy : configRemedies) {
      Optional<String> conflict = conflict(remedy, applied);
      if (conflict.isPresent()) {
        refused.put(remedy, conflict.get());
        continue;
      }
      try {
        RemedyEditor.Edits made = editor.edits(remedy, applied.size());
        Optional<String> overlap = edits.add(made.replaces(), made.moves());
        if (overlap.isPresent()) {
          refused.put(remedy, "it conflicts with an earlier change: " + overlap.get().replaceAll("remedy (\\d+)", "change $1"));
          continue;
        }
        applied.add(remedy);
      } catch (RemedyEditor.Refused e) {
        refused.put(remedy, String.valueOf(e.getMessage()));
      }
    }
    return new Result(edits.isEmpty() ? text : edits.render(), applied, refused);
  }

  /** Two remedies that set the same thing to different values conflict: say which and why. */
  private static Optional<String> conflict(Remedy remedy, List<Remedy> applied) {
    for (int i = 0; i < applied.size(); i++) {
      Remedy earlier = applied.get(i);
      String which = "change " + (i + 1) + " (" + earlier.describe() + ")";
      if (remedy instanceof Remedy.SetService a && earlier instanceof Remedy.SetService b && a.rule() == b.rule()) {
        return Optional.of("rule #" + a.rule() + "'s service can be set to one value only, and " + which + " already sets it to " + b.newService());
      }
      if (remedy instanceof Remedy.SetOriginRequest a && earlier instanceof Remedy.SetOriginRequest b && a.rule() == b.rule()
          && a.field().equals(b.field())) {
        return Optional.of(a.field() + " can be set to one value only, and " + which + " already sets it to " + b.newValue());
      }
      if (remedy instanceof Remedy.MoveRule a && earlier instanceof Remedy.MoveRule b && (a.rule() == b.rule() || a.rule() == b.before()
          || a.before() == b.rule())) {
        return Optional.of("it moves a rule that " + which + " moves too; run fix again after applying that one");
      }
      if (remedy instanceof Remedy.RenameKey a && earlier instanceof Remedy.RenameKey b && a.rule() == b.rule()
          && a.parentPath().equals(b.parentPath()) && a.newKey().equals(b.newKey())) {
        return Optional.of("two keys would be renamed to " + a.newKey() + " (" + which + "), which cloudflared refuses as a duplicate key");
      }
    }
    return Optional.empty();
  }
}
