package io.github.tunneldiagnostics.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Secrets in every form the redaction policy promises to hide, each carrying a marker that must never be
 * seen in any output: a report in any format, a remedy, an exception message, a {@code toString}.
 */
final class SecretMarkers {
  /** What must not appear anywhere (each is a whole secret value, or the part that is secret). */
  static final List<String> MARKERS = List.of(
      "bearerMARK1x9",
      "YWxpY2U6czNjcmV0TUFSSzI",
      "eyJzdWIiOiJNQVJLMyJ9",
      "tokMARK4value",
      "flagMARK5value",
      "c2VjcmV0TUFSSzY",
      "cfut_MARK7abcdefghijklmnopqrstuvwxyz",
      "pwMARK8",
      "MIIEvMARK9AAAAAAAAAAAAAAAA",
      "atMARK10x",
      "sgMARK11x",
      "amzMARK12x",
      "ARGOMARK13AAAAAAAAAAAAAAAAAA",
      "csMARK14x");

  /** Each secret as it appears in the wild (a header, a JWT, a flag, a JSON field, a URL, a PEM block). */
  static final List<String> FORMS = List.of(
      "Authorization: Bearer bearerMARK1x9",
      "Proxy-Authorization: Basic YWxpY2U6czNjcmV0TUFSSzI=",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJNQVJLMyJ9.c2lnbmF0dXJl",
      "token=tokMARK4value",
      "cloudflared tunnel run --token flagMARK5value",
      "{\"AccountTag\":\"0123\",\"TunnelSecret\":\"c2VjcmV0TUFSSzY=\"}",
      "CLOUDFLARE_API_TOKEN=cfut_MARK7abcdefghijklmnopqrstuvwxyz",
      "HTTPS_PROXY=http://alice:pwMARK8@proxy.internal:3128",
      "-----BEGIN PRIVATE KEY-----\nMIIEvMARK9AAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----",
      "https://app.example.com/cb?access_token=atMARK10x&sig=sgMARK11x&X-Amz-Signature=amzMARK12x",
      "-----BEGIN ARGO TUNNEL TOKEN-----\nARGOMARK13AAAAAAAAAAAAAAAAAA\n-----END ARGO TUNNEL TOKEN-----",
      "client_secret: csMARK14x");

  /** All the forms in one text, one per line. */
  static final String ALL = String.join("\n", FORMS);

  private SecretMarkers() {}

  /** Fails naming the first marker {@code text} shows, and where. */
  static void assertNoMarker(String where, String text) {
    if (Boolean.getBoolean("markers.debug")) {
      for (String line : text.split("\n")) {
        for (String marker : MARKERS) {
          if (line.contains(marker)) {
            System.out.println("LEAK " + where + ": " + line);
            break;
          }
        }
      }
      return;
    }
    for (String marker : MARKERS) {
      assertThat(text).as("%s shows the secret %s", where, marker).doesNotContain(marker);
    }
  }
}
