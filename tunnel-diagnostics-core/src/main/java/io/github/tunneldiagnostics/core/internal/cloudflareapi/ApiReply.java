package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One API answer: the HTTP status and the v4 envelope
 * ({@code {"success","errors":[{"code","message","error_chain"}],"messages","result","result_info"}}).
 *
 * @param endpoint the method and path called, e.g. {@code GET /accounts/…/cfd_tunnel/…} (never a secret)
 * @param httpStatus the HTTP status
 * @param success the envelope's {@code success}
 * @param errors the envelope's errors, each error chain flattened after its parent
 * @param result the envelope's {@code result} (a map, a list, or null)
 * @param totalCount {@code result_info.total_count}, or -1
 */
public record ApiReply(String endpoint, int httpStatus, boolean success, List<ApiError> errors, @Nullable Object result, long totalCount) {

  /** One error of the envelope. */
  public record ApiError(long code, String message) {
    public ApiError {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return code + " " + message;
    }
  }

  public ApiReply {
    Objects.requireNonNull(endpoint, "endpoint");
    errors = List.copyOf(errors);
  }

  /** Whether the call succeeded (2xx and {@code success:true}). */
  public boolean ok() {
    return httpStatus >= 200 && httpStatus < 300 && success;
  }

  /** The error codes, e.g. {@code 10000} or {@code 6003, 6111}; {@code none} when there are none. */
  public String errorCodes() {
    return errors.isEmpty() ? "none" : errors.stream().map(e -> Long.toString(e.code())).collect(Collectors.joining(", "));
  }

  /** The errors as {@code 10000 Authentication error; …}; {@code none} when there are none. */
  public String errorText() {
    return errors.isEmpty() ? "none" : errors.stream().map(ApiError::toString).collect(Collectors.joining("; "));
  }

  /** Whether one of the errors has {@code code}. */
  public boolean hasError(long code) {
    return errors.stream().anyMatch(e -> e.code() == code);
  }
}
