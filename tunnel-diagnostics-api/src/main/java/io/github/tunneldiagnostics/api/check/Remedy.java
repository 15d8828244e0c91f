package io.github.tunneldiagnostics.api.check;

import io.github.tunneldiagnostics.api.internal.Redaction;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A finding's fix as data: one change to the config file, or what a person must do when no config change
 * fixes the cause. A deployment tool can apply the config changes (the core module's {@code ConfigPatch}
 * edits the file in place, keeping every other byte) and show the manual ones.
 *
 * <p>Rules are addressed by their 0-based index, like cloudflared's {@code ingressRule=} log field (null
 * list items are not counted, as cloudflared drops them). {@link #TOP_LEVEL} addresses the top-level
 * {@code originRequest}.
 *
 * <p>The values a change writes ({@code newService}, {@code newValue}, …) are kept as they are, since they
 * are written to the file; {@link #describe()} and {@code toString()} show them, and {@code why}, under the
 * redaction policy, so that no secret in a config value (a URL's password) reaches a report or a log.
 *
 * <p>This taxonomy may grow in a minor version: a {@code switch} over it should keep a {@code default}
 * branch (or handle {@link Manual} as the fallback).
 */
public sealed interface Remedy
    permits Remedy.SetService, Remedy.SetOriginRequest, Remedy.MoveRule, Remedy.AddRule, Remedy.RenameKey, Remedy.Manual {

  /** The rule index of the top-level {@code originRequest} (and of keys outside {@code ingress}). */
  int TOP_LEVEL = -1;

  /** A stable, camel-case name of the kind, as in the JSON report ({@code setService}, {@code manual} …). */
  String kind();

  /** Why this change fixes the finding, one sentence. */
  String why();

  /** One line a person reads: what changes, from what to what. */
  String describe();

  /** True when applying this remedy edits the config file ({@link Manual} does not). */
  default boolean changesConfig() {
    return true;
  }

  /** Change rule {@code rule}'s {@code service} from {@code oldService} to {@code newService}. */
  record SetService(int rule, String oldService, String newService, String why) implements Remedy {
    public SetService {
      requireRule(rule);
      Objects.requireNonNull(oldService, "oldService");
      Objects.requireNonNull(newService, "newService");
      why = Redaction.redact(Objects.requireNonNull(why, "why"));
    }

    @Override
    public String kind() {
      return "setService";
    }

    /** The record's fields, under the redaction policy. */
    @Override
    public String toString() {
      return Redaction.toString(this);
    }

    @Override
    public String describe() {
      return Redaction.redact("rule #" + rule + ": service " + oldService + " → " + newService);
    }
  }

  /**
   * Set {@code originRequest.field} of rule {@code rule} (or of the top level, {@link #TOP_LEVEL}) to
   * {@code newValue}, written as a YAML scalar; {@code oldValue} is the value as written, null when the
   * field is absent (it is then added).
   */
  record SetOriginRequest(int rule, String field, @Nullable String oldValue, String newValue, String why) implements Remedy {
    public SetOriginRequest {
      if (rule < TOP_LEVEL) {
        throw new IllegalArgumentException("'rule' must be -1 (top level) or a rule index but was " + rule);
      }
      requireKey(field, "field");
      Objects.requireNonNull(newValue, "newValue");
      why = Redaction.redact(Objects.requireNonNull(why, "why"));
    }

    @Override
    public String kind() {
      return "setOriginRequest";
    }

    /** The record's fields, under the redaction policy. */
    @Override
    public String toString() {
      return Redaction.toString(this);
    }

    @Override
    public String describe() {
      String where = rule == TOP_LEVEL ? "top-level originRequest" : "rule #" + rule + ": originRequest";
      return Redaction.redact(where + "." + field + " " + (oldValue == null ? "(absent)" : oldValue) + " → " + newValue);
    }
  }

  /** Move rule {@code rule} so that it stands just before rule {@code before} (indexes before the move). */
  record MoveRule(int rule, int before, String why) implements Remedy {
    public MoveRule {
      requireRule(rule);
      requireRule(before);
      if (before >= rule) {
        throw new IllegalArgumentException("a rule moves up: 'before' (" + before + ") must be less than 'rule' (" + rule + ")");
      }
      why = Redaction.redact(Objects.requireNonNull(why, "why"));
    }

    @Override
    public String kind() {
      return "moveRule";
    }

    /** The record's fields, under the redaction policy. */
    @Override
    public String toString() {
      return Redaction.toString(this);
    }

    @Override
    public String describe() {
      return "move rule #" + rule + " above rule #" + before;
    }
  }

  /**
   * Add a rule just before rule {@code before}: {@code hostname}, {@code service}, and the {@code
   * originRequest} of rule {@code copyOriginRequestFrom} (or none, -1) so that it reaches the origin the same
   * way.
   */
  record AddRule(int before, String hostname, String service, int copyOriginRequestFrom, String why) implements Remedy {
    public AddRule {
      requireRule(before);
      Objects.requireNonNull(hostname, "hostname");
      Objects.requireNonNull(service, "service");
      if (copyOriginRequestFrom < TOP_LEVEL) {
        throw new IllegalArgumentException("'copyOriginRequestFrom' must be -1 (none) or a rule index but was " + copyOriginRequestFrom);
      }
      why = Redaction.redact(Objects.requireNonNull(why, "why"));
    }

    @Override
    public String kind() {
      return "addRule";
    }

    /** The record's fields, under the redaction policy. */
    @Override
    public String toString() {
      return Redaction.toString(this);
    }

    @Override
    public String describe() {
      return Redaction.redact("add a rule before rule #" + before + ": hostname " + hostname + ", service " + service);
    }
  }

  /**
   * Rename a key cloudflared ignores to the valid one. {@code parentPath} is the dotted path of the mapping
   * holding it inside rule {@code rule} ({@code ""} for the rule itself, {@code originRequest}), or from the
   * document's root when {@code rule} is {@link #TOP_LEVEL} ({@code ""} for the root, {@code originRequest}).
   */
  record RenameKey(int rule, String parentPath, String oldKey, String newKey, String why) implements Remedy {
    public RenameKey {
      if (rule < TOP_LEVEL) {
        throw new IllegalArgumentException("'rule' must be -1 (top level) or a rule index but was " + rule);
      }
      Objects.requireNonNull(parentPath, "parentPath");
      requireKey(oldKey, "oldKey");
      requireKey(newKey, "newKey");
      why = Redaction.redact(Objects.requireNonNull(why, "why"));
    }

    @Override
    public String kind() {
      return "renameKey";
    }

    /** The record's fields, under the redaction policy. */
    @Override
    public String toString() {
      return Redaction.toString(this);
    }

    @Override
    public String describe() {
      String where = rule == TOP_LEVEL ? "" : "rule #" + rule + ": ";
      String prefix = parentPath.isEmpty() ? "" : parentPath + ".";
      return where + "rename key " + prefix + oldKey + " → " + prefix + newKey;
    }
  }

  /** No config change fixes this: {@code action} is what a person must do instead. */
  record Manual(String action, String why) implements Remedy {
    public Manual {
      action = Redaction.redact(Objects.requireNonNull(action, "action"));
      why = Redaction.redact(Objects.requireNonNull(why, "why"));
    }

    @Override
    public String kind() {
      return "manual";
    }

    /** The record's fields, under the redaction policy. */
    @Override
    public String toString() {
      return Redaction.toString(this);
    }

    @Override
    public String describe() {
      return action;
    }

    @Override
    public boolean changesConfig() {
      return false;
    }
  }

  private static void requireRule(int rule) {
    if (rule < 0) {
      throw new IllegalArgumentException("'rule' must not be negative but was " + rule);
    }
  }

  private static void requireKey(String key, String name) {
    Objects.requireNonNull(key, name);
    if (key.isBlank()) {
      throw new IllegalArgumentException("'" + name + "' must not be blank");
    }
  }
}
