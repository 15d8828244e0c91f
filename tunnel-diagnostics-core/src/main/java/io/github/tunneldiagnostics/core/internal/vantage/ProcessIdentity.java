package io.github.tunneldiagnostics.core.internal.vantage;

import java.util.ArrayList;
import java.util.List;

/**
 * The user a process runs as, from {@code /proc/<pid>/status} ({@code Uid:}, {@code Gid:}, {@code
 * Groups:}; the effective ids decide file access). World-readable.
 *
 * @param uid the effective user id
 * @param gid the effective group id
 * @param groups the supplementary groups
 */
public record ProcessIdentity(int uid, int gid, List<Integer> groups) {
  public ProcessIdentity {
    groups = List.copyOf(groups);
  }

  /** Parses a status file's text; null-free: missing fields give -1. */
  public static ProcessIdentity parseStatus(String status) {
    int uid = -1;
    int gid = -1;
    List<Integer> groups = new ArrayList<>();
    for (String line : status.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 0) {
        continue;
      }
      try {
        switch (f[0]) {
          case "Uid:" -> uid = f.length > 2 ? Integer.parseInt(f[2]) : -1;
          case "Gid:" -> gid = f.length > 2 ? Integer.parseInt(f[2]) : -1;
          case "Groups:" -> {
            for (int i = 1; i < f.length; i++) {
              groups.add(Integer.parseInt(f[i]));
            }
          }
          default -> {
            // other fields
          }
        }
      } catch (NumberFormatException e) {
        // leave the default
      }
    }
    return new ProcessIdentity(uid, gid, groups);
  }

  /** True for root, which the kernel lets read and write any file (CAP_DAC_OVERRIDE). */
  public boolean isRoot() {
    return uid == 0;
  }

  /** True when {@code group} is the process's group or one of its supplementary groups. */
  public boolean inGroup(int group) {
    return gid == group || groups.contains(group);
  }

  @Override
  public String toString() {
    return "uid " + uid + ", gid " + gid + (groups.isEmpty() ? "" : ", groups " + groups);
  }
}
