package io.github.tunneldiagnostics.core.internal.report;

import io.github.tunneldiagnostics.api.check.Remedy;
import java.util.List;

/**
 * Writes remedies into the report document: {@code {"kind", "summary", …fields of the kind…, "why"}}.
 * {@code rule} is null for the top-level {@code originRequest} and for keys outside {@code ingress}.
 */
final class RemedyJson {
  private RemedyJson() {}

  static void write(List<Remedy> remedies, JsonOutput json) {
    json.beginArray();
    for (Remedy remedy : remedies) {
      write(remedy, json);
    }
    json.endArray();
  }

  /** One remedy object. */
  static void write(Remedy remedy, JsonOutput json) {
    json.beginObject().name("kind").value(remedy.kind()).name("summary").value(remedy.describe());
    if (remedy instanceof Remedy.SetService set) {
      json.name("rule").value(set.rule()).name("field").value("service").name("old").value(set.oldService()).name("new").value(set.newService());
    } else if (remedy instanceof Remedy.SetOriginRequest set) {
      rule(json, set.rule()).name("field").value("originRequest." + set.field()).name("old").value(set.oldValue()).name("new").value(set.newValue());
    } else if (remedy instanceof Remedy.MoveRule move) {
      json.name("rule").value(move.rule()).name("before").value(move.before());
    } else if (remedy instanceof Remedy.AddRule add) {
      json.name("before").value(add.before()).name("hostname").value(add.hostname()).name("service").value(add.service());
      json.name("originRequestFrom");
      if (add.copyOriginRequestFrom() < 0) {
        json.nullValue();
      } else {
        json.value(add.copyOriginRequestFrom());
      }
    } else if (remedy instanceof Remedy.RenameKey rename) {
      rule(json, rename.rule()).name("path").value(rename.parentPath()).name("old").value(rename.oldKey()).name("new").value(rename.newKey());
    } else if (remedy instanceof Remedy.Manual manual) {
      json.name("action").value(manual.action());
    }
    json.name("why").value(remedy.why()).endObject();
  }

  private static JsonOutput rule(JsonOutput json, int rule) {
    json.name("rule");
    return rule == Remedy.TOP_LEVEL ? json.nullValue() : json.value(rule);
  }
}
