package io.github.tunneldiagnostics.core.internal.cloudflareapi;

import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import org.jspecify.annotations.Nullable;

/** Findings about the API itself: a rejected token, a missing permission, an API that could not answer. */
final class ApiFindings {
  static final String TUNNEL_READ = "Account › Cloudflare Tunnel › Read";
  static final String ZONE_READ = "Zone › Zone › Read";
  static final String DNS_READ = "Zone › DNS › Read";

  private ApiFindings() {}

  /** Whether the reply says the token itself is bad (not a missing permission). */
  static boolean tokenRejected(ApiReply reply) {
    return reply.httpStatus() == 401
        || (reply.httpStatus() == 400 && (reply.hasError(6003) || reply.hasError(6111) || reply.hasError(9106) || reply.hasError(6100)
            || reply.hasError(6101) || reply.hasError(6102) || reply.hasError(6103)));
  }

  /** The finding for a failed call: API_TOKEN_INVALID, API_PERMISSION_MISSING or CHECK_FAILED. */
  static Finding problem(ApiReply reply, String permission, String what, String auth) {
    Finding.Builder finding;
    if (tokenRejected(reply)) {
      finding = Finding.warning(FindingCode.API_TOKEN_INVALID)
          .subject("Cloudflare API token")
          .message("The Cloudflare API rejected the token (HTTP " + reply.httpStatus() + ": " + reply.errorText()
              + "); the checks that need the account were skipped, the others ran.")
          .remediation("Set CLOUDFLARE_API_TOKEN to a valid, unexpired API token (only the token itself, without 'Bearer'), with "
              + TUNNEL_READ + ", " + ZONE_READ + " and " + DNS_READ + ".");
    } else if (reply.httpStatus() == 403) {
      boolean ipFiltered = reply.hasError(9109);
      finding = Finding.warning(FindingCode.API_PERMISSION_MISSING)
          .subject("Cloudflare API token")
          .message("The Cloudflare API refused " + what + " (HTTP 403: " + reply.errorText() + ")"
              + (ipFiltered ? ": the token may not be used from this machine's address." : ": the token lacks the permission " + permission
                  + " (or the resource is outside its scope).")
              + " That check was skipped; the others ran.")
          .remediation(ipFiltered
              ? "Allow this machine's address in the token's IP filtering, or run from an allowed host."
              : "Add " + permission + " to the token (My Profile › API Tokens › Edit), covering this account and zone.")
          .evidence("permission", permission);
    } else {
      finding = Finding.warning(FindingCode.CHECK_FAILED)
          .subject("Cloudflare API")
          .message("The Cloudflare API could not answer " + what + " (HTTP " + reply.httpStatus() + ": " + reply.errorText() + ").")
          .remediation(reply.httpStatus() >= 500
              ? "Cloudflare's API is having trouble; run the diagnosis again later."
              : "Check the account id (CLOUDFLARE_ACCOUNT_ID) and tunnel id this call used: " + reply.endpoint() + ".");
    }
    return finding.check(CloudflareApiCheck.ID)
        .evidence("source", "api")
        .evidence("api.endpoint", reply.endpoint())
        .evidence("api.httpStatus", reply.httpStatus())
        .evidence("api.errorCodes", reply.errorCodes())
        .evidence("api.auth", auth)
        .build();
  }

  static Finding unavailable(ApiUnavailableException e, String auth) {
    Finding.Builder finding = e.reason() == ApiUnavailableException.Reason.RATE_LIMITED
        ? Finding.info(FindingCode.CHECK_SKIPPED)
            .message("The Cloudflare API checks were skipped: " + e.getMessage() + ".")
            .remediation("Run the diagnosis again after the rate limit resets (1200 requests per 5 minutes per user, all clients together).")
            .evidence("reason", "rate_limited")
        : Finding.warning(FindingCode.CHECK_FAILED)
            .message("The Cloudflare API checks stopped: " + e.getMessage() + ".")
            .remediation(e.reason() == ApiUnavailableException.Reason.UNREACHABLE
                ? "Check this machine's HTTPS access to the API (--api-url, a proxy), then run again."
                : "Run again with a longer --timeout.")
            .evidence("reason", e.reason().name().toLowerCase(java.util.Locale.ROOT));
    return finding.check(CloudflareApiCheck.ID)
        .subject("Cloudflare API")
        .evidence("source", "api")
        .evidence("api.endpoint", e.endpoint())
        .evidence("api.auth", auth)
        .build();
  }

  static Finding skipped(String reason, String message, String remediation, @Nullable String subject) {
    return Finding.info(FindingCode.CHECK_SKIPPED)
        .check(CloudflareApiCheck.ID)
        .subject(subject != null ? subject : "Cloudflare API")
        .message(message)
        .remediation(remediation)
        .evidence("reason", reason)
        .evidence("source", "api")
        .build();
  }
}
