package io.github.tunneldiagnostics.core.fix;

import io.github.tunneldiagnostics.api.check.Remedy;
import io.github.tunneldiagnostics.api.internal.Redaction;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ConfigPatch#applyTo} did.
 *
 * @param status whether the file was written
 * @param file the file written (or not)
 * @param backup the copy of the file as it was, beside it; null unless written
 * @param reasons why the gate refused (each a sentence); empty unless refused
 * @param applied the remedies now in the file; empty unless written
 */
public record WriteResult(Status status, Path file, @Nullable Path backup, List<String> reasons, List<Remedy> applied) {

  /** The outcome. */
  public enum Status {
    /** The patched file replaced the old one; a backup is beside it. */
    WRITTEN,
    /** The gate refused: nothing was written. */
    REFUSED,
    /** The patch changes nothing. */
    NOTHING_TO_WRITE
  }

  public WriteResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(file, "file");
    reasons = List.copyOf(reasons);
    applied = List.copyOf(applied);
  }

  public boolean written() {
    return status == Status.WRITTEN;
  }

  /** The record's fields, under the redaction policy. */
  @Override
  public String toString() {
    return Redaction.toString(this);
  }
}
