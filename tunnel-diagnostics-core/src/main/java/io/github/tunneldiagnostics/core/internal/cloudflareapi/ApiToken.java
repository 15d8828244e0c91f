package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import io.github.tunneldiagnostics.core.internal.files.BoundedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A Cloudflare API token. Its value leaves this object only as the {@code Authorization} header of a
 * request; {@link #toString()} names its kind, never the value.
 */
public final class ApiToken {
  private static final long MAX_FILE_BYTES = 4096;

  private final String value;

  private ApiToken(String value) {
    this.value = value;
  }

  /**
   * A token as given (surrounding whitespace removed).
   *
   * @throws IllegalArgumentException when it is empty, or a global API key ({@code cfk_}), which is not
   *     read-only and is refused; the message never contains the value
   */
  public static ApiToken of(String value) {
    Objects.requireNonNull(value, "value");
    String token = value.strip();
    if (token.isEmpty()) {
      throw new IllegalArgumentException("the Cloudflare API token is empty");
    }
    if (token.startsWith("cfk_")) {
      throw new IllegalArgumentException("the Cloudflare API token is a global API key (cfk_…), which can change everything in the account;"
          + " create a read-only API token instead (Account › Cloudflare Tunnel › Read, Zone › Zone › Read, Zone › DNS › Read)");
    }
    return new ApiToken(token);
  }

  /**
   * The token in {@code file} (its first line).
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the file when it is empty, too large or a global key
   */
  public static ApiToken fromFile(Path file) throws IOException {
    String text;
    try {
      text = new String(BoundedFile.read(file, MAX_FILE_BYTES), StandardCharsets.UTF_8).strip();
    } catch (BoundedFile.FileTooLargeException e) {
      throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES + " bytes: not an API token file", e);
    } catch (BoundedFile.NotARegularFileException e) {
      throw new IllegalArgumentException(e.getMessage() + "; it was not read: pass the file that holds the token", e);
    }
    int newline = text.indexOf('\n');
    try {
      return of(newline >= 0 ? text.substring(0, newline) : text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** {@code cfut_} (user token), {@code cfat_} (account token) or {@code none} (an older 40-character token). */
  public String kind() {
    if (value.startsWith("cfut_")) {
      return "cfut_";
    }
    if (value.startsWith("cfat_")) {
      return "cfat_";
    }
    return "none";
  }

  /** The value of the {@code Authorization} header. */
  String authorization() {
    return "Bearer " + value;
  }

  /** Whether {@code text} contains the token (for tests that scan output). */
  boolean appearsIn(String text) {
    return text.contains(value);
  }

  @Override
  public String toString() {
    return "ApiToken[present, prefix=" + kind() + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiToken token && token.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
