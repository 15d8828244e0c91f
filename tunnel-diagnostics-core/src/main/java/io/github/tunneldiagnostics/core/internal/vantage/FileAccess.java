package io.github.tunneldiagnostics.core.internal.vantage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a process's user may reach a file as the kernel decides it (path_resolution(7)): search
 * ({@code x}) on every directory on the way, then read or write on the file itself, by owner, group or
 * other bits; root passes every check but a search on a directory no one may search. ACLs are not
 * read: a denial here can be lifted by an ACL, which the evidence says.
 */
public final class FileAccess {
  /**
   * A denial.
   *
   * @param path the component refused, as the process sees it
   * @param needed {@code search}, {@code read} or {@code write}
   * @param owner its owner uid
   * @param group its group gid
   * @param mode its permission bits, e.g. {@code rwxr-x---}
   */
  public record Denial(String path, String needed, int owner, int group, String mode) {
    /** {@code /run/app.sock (owner 0, group 0, mode rwxr-x---)}. */
    public String describe() {
      return path + " (owner " + owner + ", group " + group + ", mode " + mode + ")";
    }
  }

  private FileAccess() {}

  /**
   * The first check {@code identity} fails on its way to {@code path} (absolute, as the process sees it),
   * or empty when it passes or cannot be told (a missing file is someone else's finding).
   *
   * @param write true for a unix socket (connect needs write), false for a file to read
   */
  public static Optional<Denial> check(ContainerRoot root, String path, ProcessIdentity identity, boolean write) {
    if (identity.uid() < 0 || !path.startsWith("/")) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    StringBuilder seen = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      String dirView = seen.length() == 0 ? "/" : seen.toString();
      Optional<Path> dir = root.resolve(dirView);
      if (dir.isEmpty()) {
        return Optional.empty();
      }
      Optional<Denial> denied = denied(dir.get(), dirView, identity, 1, "search");
      if (denied.isPresent()) {
        return denied;
      }
      seen.append('/').append(parts.get(i));
    }
    Optional<Path> file = root.resolve(path);
    if (file.isEmpty() || !Files.exists(file.get())) {
      return Optional.empty();
    }
    return denied(file.get(), path, identity, write ? 2 : 4, write ? "write" : "read");
  }

  private static Optional<Denial> denied(Path file, String view, ProcessIdentity identity, int bit, String needed) {
    int owner;
    int group;
    int mode;
    try {
      owner = (Integer) Files.getAttribute(file, "unix:uid");
      group = (Integer) Files.getAttribute(file, "unix:gid");
      mode = (Integer) Files.getAttribute(file, "unix:mode");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException | ClassCastException e) {
      return Optional.empty();
    }
    boolean allowed;
    if (identity.isRoot()) {
      allowed = true; // CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
    } else if (identity.uid() == owner) {
      allowed = (mode & (bit << 6)) != 0;
    } else if (identity.inGroup(group)) {
      allowed = (mode & (bit << 3)) != 0;
    } else {
      allowed = (mode & bit) != 0;
    }
    return allowed ? Optional.empty() : Optional.of(new Denial(view, needed, owner, group, bits(mode)));
  }

  static String bits(int mode) {
    String letters = "rwxrwxrwx";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      out.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
    }
    return out.toString();
  }
}
