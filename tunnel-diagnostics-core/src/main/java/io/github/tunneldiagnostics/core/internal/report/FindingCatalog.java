package io.github.tunneldiagnostics.core.internal.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The findings contract ({@code docs/findings.md}, copied into the jar by the build) as data: for each
 * code, the chain link it belongs to, its severity and when it is reported. Report formats that describe
 * a code on its own (SARIF rules) read it from here, so the help they show is the contract's text.
 */
final class FindingCatalog {
  private static final String RESOURCE = "findings.md";

  /** One row of the contract. */
  record Entry(String code, String area, String severity, String when) {}

  private final Map<String, Entry> entries;

  private FindingCatalog(Map<String, Entry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /** The catalog in the jar; empty when the resource is missing (a build without docs). */
  static FindingCatalog standard() {
    try (@Nullable InputStream in = FindingCatalog.class.getResourceAsStream(RESOURCE)) {
      return in == null ? new FindingCatalog(Map.of()) : parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the findings contract " + RESOURCE + " from the jar", e);
    }
  }

  static FindingCatalog parse(InputStream markdown) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    String area = "";
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(markdown, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("## ")) {
          area = line.substring(3).trim();
          continue;
        }
        if (!line.startsWith("| ")) {
          continue;
        }
        String[] cells = line.substring(1).split("\\|", 3);
        if (cells.length < 3) {
          continue;
        }
        String code = cells[0].trim();
        if (!code.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+")) {
          continue;
        }
        String when = cells[2].trim();
        if (when.endsWith("|")) {
          when = when.substring(0, when.length() - 1).trim();
        }
        entries.put(code, new Entry(code, area, cells[1].trim(), when));
      }
    }
    return new FindingCatalog(entries);
  }

  Optional<Entry> entry(String code) {
    return Optional.ofNullable(entries.get(code));
  }

  /** The contract's text without Markdown code spans, for plain-text fields. */
  static String plain(String markdown) {
    return markdown.replace("`", "");
  }
}
