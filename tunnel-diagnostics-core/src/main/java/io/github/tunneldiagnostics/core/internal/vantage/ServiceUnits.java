package io.github.tunneldiagnostics.core.internal.vantage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The systemd service units that start cloudflared ({@code ExecStart=} naming a {@code cloudflared}
 * binary), with the {@code --config} they pass. The first directory that holds a unit of a name wins,
 * as systemd's search order ({@code /etc} before {@code /run} before {@code /lib}) does.
 */
public final class ServiceUnits {
  /** systemd's unit directories, most specific first. */
  public static final List<Path> DIRECTORIES = List.of(Path.of("/etc/systemd/system"), Path.of("/run/systemd/system"),
      Path.of("/usr/local/lib/systemd/system"), Path.of("/lib/systemd/system"), Path.of("/usr/lib/systemd/system"));

  /**
   * One unit.
   *
   * @param name e.g. {@code cloudflared.service}
   * @param file where it was found
   * @param configPath its {@code --config} value, or null (cloudflared then searches its default places)
   * @param usesToken whether it runs the tunnel with {@code --token} or {@code --token-file} (remotely managed)
   */
  public record Unit(String name, Path file, @Nullable String configPath, boolean usesToken) {
    public Unit {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(file, "file");
    }
  }

  private ServiceUnits() {}

  /** The cloudflared units in {@code directories}. */
  public static List<Unit> find(List<Path> directories) {
    Map<String, Unit> units = new LinkedHashMap<>();
    for (Path dir : directories) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.service")) {
        for (Path file : files) {
          String name = file.getFileName().toString();
          if (units.containsKey(name)) {
            continue;
          }
          Unit unit = read(name, file);
          if (unit != null) {
            units.put(name, unit);
          }
        }
      } catch (IOException | SecurityException e) {
        // no such directory
      }
    }
    return new ArrayList<>(units.values());
  }

  static @Nullable Unit read(String name, Path file) {
    String text;
    try {
      text = new String(ProcFiles.read(file, 1 << 20), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      return null;
    }
    String joined = text.replace("\\\n", " ");
    for (String raw : joined.split("\n")) {
      String line = raw.strip();
      if (!line.startsWith("ExecStart=")) {
        continue;
      }
      List<String> words = words(line.substring("ExecStart=".length()));
      while (!words.isEmpty() && (words.get(0).startsWith("-") || words.get(0).startsWith("@") || words.get(0).startsWith("+") || words.get(0).startsWith("!")) && words.get(0).length() <= 2
          && !words.get(0).startsWith("--")) {
        words.remove(0);
      }
      if (words.isEmpty()) {
        continue;
      }
      String program = words.get(0).replaceFirst("^[-@+!:]+", "");
      if (!program.substring(program.lastIndexOf('/') + 1).startsWith("cloudflared")) {
        continue;
      }
      String config = null;
      boolean token = false;
      for (int i = 1; i < words.size(); i++) {
        String w = words.get(i);
        if (w.equals("--config") && i + 1 < words.size()) {
          config = words.get(++i);
        } else if (w.startsWith("--config=")) {
          config = w.substring("--config=".length());
        } else if (w.equals("--token") || w.startsWith("--token=") || w.equals("--token-file") || w.startsWith("--token-file=")) {
          token = true;
        }
      }
      return new Unit(name, file, config, token);
    }
    return null;
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (Character.isWhitespace(c)) {
        if (current.length() > 0) {
          words.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      words.add(current.toString());
    }
    return words;
  }
}
