package io.github.tunneldiagnostics.core.internal.vantage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A namespace's identity: the device and inode of {@code /proc/<pid>/ns/<kind>} (namespaces(7): two
 * processes share a namespace when both are equal).
 *
 * @param device {@code st_dev}
 * @param inode {@code st_ino}, the number in {@code net:[4026531833]}
 */
public record NamespaceId(long device, long inode) {

  /**
   * Reads {@code nsLink} (e.g. {@code /proc/1234/ns/net}).
   *
   * @throws IOException when the link cannot be followed, e.g. {@code AccessDeniedException} without
   *     ptrace rights over the process
   */
  public static NamespaceId of(Path nsLink) throws IOException {
    try {
      Object inode = Files.getAttribute(nsLink, "unix:ino");
      Object device = Files.getAttribute(nsLink, "unix:dev");
      return new NamespaceId(((Number) device).longValue(), ((Number) inode).longValue());
    } catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      throw new IOException("cannot read the namespace of " + nsLink + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return Long.toString(inode);
  }
}
