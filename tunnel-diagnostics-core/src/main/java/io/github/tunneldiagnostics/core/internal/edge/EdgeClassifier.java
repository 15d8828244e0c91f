package io.github.tunneldiagnostics.core.internal.edge;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The deterministic classifier of public-route.md §2.3, in its fixed order: not Cloudflare, challenge,
 * Access, a Cloudflare error code (JSON, Markdown front matter, the one-line text, HTML markers, then
 * {@code cf-error-type}), the status alone, else the origin answered. Header names are compared
 * case-insensitively; bodies are matched by markers, never as whole pages.
 */
public final class EdgeClassifier {
  private static final Pattern RAY = Pattern.compile("[0-9a-f]{16}(-[A-Z]{3})?");
  private static final Pattern JSON_FLAG = Pattern.compile("\"cloudflare_error\"\\s*:\\s*true");
  private static final Pattern JSON_CODE = Pattern.compile("\"error_code\"\\s*:\\s*(\\d{3,5})(?!\\d)");
  private static final Pattern JSON_CATEGORY = Pattern.compile("\"error_category\"\\s*:\\s*\"([a-z_]+)\"");
  private static final Pattern MD_FLAG = Pattern.compile("(?m)^cloudflare_error:\\s*true\\s*$");
  private static final Pattern MD_CODE = Pattern.compile("(?m)^error_code:\\s*(\\d{3,5})\\s*$");
  private static final Pattern MD_CATEGORY = Pattern.compile("(?m)^error_category:\\s*([a-z_]+)\\s*$");
  private static final Pattern TEXT_CODE = Pattern.compile("^\\s*error code: (\\d{3,5})\\s*$");
  private static final Pattern HTML_CODE = Pattern.compile("class=\"cf-error-code\">\\s*(\\d{3,5})\\s*<");
  private static final Pattern HTML_LABEL = Pattern.compile("Error code:? (\\d{3,5})(?!\\d)");
  private static final Pattern HTML_TITLE = Pattern.compile("<title>[^<]*\\| (\\d{3}): ");
  private static final Pattern HEADER_CODE = Pattern.compile("^\\s*(\\d{3,5})(?!\\d)");
  private static final Set<Integer> WAF_CODES = Set.of(1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1020, 1106, 1107, 1108, 1109);

  private EdgeClassifier() {}

  /** Classifies {@code response}. */
  public static EdgeVerdict classify(EdgeResponse response) {
    String form = bodyForm(response);
    String server = response.header("server");
    boolean cloudflare = response.header("cf-ray") != null || (server != null && server.strip().equalsIgnoreCase("cloudflare"));
    if (!cloudflare) {
      return new EdgeVerdict(EdgeCase.NOT_CLOUDFLARE, null, form);
    }
    String mitigated = response.header("cf-mitigated");
    if (mitigated != null && mitigated.strip().equalsIgnoreCase("challenge")) {
      return new EdgeVerdict(EdgeCase.CHALLENGE, null, form);
    }
    int status = response.status();
    if (status >= 300 && status < 400 && isAccessLogin(response.header("location"))) {
      return new EdgeVerdict(EdgeCase.ACCESS_LOGIN, null, form);
    }
    if ((status == 401 || status == 403) && response.header("cf-access-aud") != null) {
      return new EdgeVerdict(EdgeCase.ACCESS_DENIED, null, form);
    }
    ErrorCode code = errorCode(response);
    if (code != null) {
      return new EdgeVerdict(byCode(code), code.value(), form);
    }
    if (status == 530) {
      return new EdgeVerdict(EdgeCase.EDGE_1XXX_UNKNOWN, null, form);
    }
    if (status == 502) {
      return new EdgeVerdict(EdgeCase.BAD_GATEWAY, null, form);
    }
    if (status == 524) {
      return new EdgeVerdict(EdgeCase.TIMEOUT, null, form);
    }
    if (status == 404 && response.bodyBytes() == 0) {
      return new EdgeVerdict(EdgeCase.CATCH_ALL_404, null, form);
    }
    if (status == 503 && response.bodyBytes() == 0) {
      return new EdgeVerdict(EdgeCase.NO_INGRESS_503, null, form);
    }
    return new EdgeVerdict(EdgeCase.REACHED_ORIGIN, null, form);
  }

  private static EdgeCase byCode(ErrorCode code) {
    int value = code.value();
    return switch (value) {
      case 1033 -> EdgeCase.TUNNEL_DOWN;
      case 1016 -> EdgeCase.ORIGIN_DNS;
      case 1014 -> EdgeCase.CNAME_CROSS_ACCOUNT;
      case 1000 -> EdgeCase.PROHIBITED_IP;
      case 1015 -> EdgeCase.RATE_LIMITED;
      case 502 -> EdgeCase.BAD_GATEWAY;
      case 524 -> EdgeCase.TIMEOUT;
      default -> {
        if (value >= 1000 && value < 2000 && ("access_denied".equals(code.category()) || WAF_CODES.contains(value))) {
          yield EdgeCase.WAF_BLOCK;
        }
        if (value >= 500 && value < 600) {
          yield EdgeCase.EDGE_5XX;
        }
        yield EdgeCase.EDGE_1XXX_UNKNOWN;
      }
    };
  }

  private record ErrorCode(int value, @Nullable String category) {}

  private static @Nullable ErrorCode errorCode(EdgeResponse response) {
    String body = response.body();
    if (JSON_FLAG.matcher(body).find()) {
      Matcher code = JSON_CODE.matcher(body);
      if (code.find()) {
        Matcher category = JSON_CATEGORY.matcher(body);
        return new ErrorCode(Integer.parseInt(code.group(1)), category.find() ? category.group(1) : null);
      }
    }
    if (body.startsWith("---") && MD_FLAG.matcher(body).find()) {
      Matcher code = MD_CODE.matcher(body);
      if (code.find()) {
        Matcher category = MD_CATEGORY.matcher(body);
        return new ErrorCode(Integer.parseInt(code.group(1)), category.find() ? category.group(1) : null);
      }
    }
    Matcher text = TEXT_CODE.matcher(body);
    if (text.matches()) {
      return new ErrorCode(Integer.parseInt(text.group(1)), null);
    }
    for (Pattern html : new Pattern[] {HTML_CODE, HTML_LABEL, HTML_TITLE}) {
      Matcher matcher = html.matcher(body);
      if (matcher.find()) {
        return new ErrorCode(Integer.parseInt(matcher.group(1)), null);
      }
    }
    String type = response.header("cf-error-type");
    if (type != null) {
      Matcher matcher = HEADER_CODE.matcher(type);
      if (matcher.find()) {
        return new ErrorCode(Integer.parseInt(matcher.group(1)), null);
      }
    }
    return null;
  }

  static boolean isAccessLogin(@Nullable String location) {
    if (location == null) {
      return false;
    }
    try {
      URI uri = URI.create(location.strip());
      String path = uri.getRawPath();
      String host = uri.getHost();
      return (path != null && path.startsWith("/cdn-cgi/access/login"))
          || (host != null && host.toLowerCase(Locale.ROOT).endsWith(".cloudflareaccess.com"));
    } catch (IllegalArgumentException e) {
      return location.contains("/cdn-cgi/access/login");
    }
  }

  /** {@code json}, {@code markdown}, {@code text}, {@code html} or {@code empty}, from content type and body. */
  static String bodyForm(EdgeResponse response) {
    if (response.bodyBytes() == 0) {
      return "empty";
    }
    String type = String.valueOf(response.header("content-type")).toLowerCase(Locale.ROOT);
    String body = response.body().stripLeading();
    if (type.contains("json") || body.startsWith("{")) {
      return "json";
    }
    if (type.contains("markdown") || body.startsWith("---")) {
      return "markdown";
    }
    if (type.contains("html") || body.startsWith("<")) {
      return "html";
    }
    return "text";
  }

  /** The {@code cf-ray} value when well-formed, else null. */
  public static @Nullable String cfRay(EdgeResponse response) {
    String ray = response.header("cf-ray");
    return ray != null && RAY.matcher(ray.strip()).matches() ? ray.strip() : null;
  }

  /** An Access redirect's location cut after {@code kid=…}: never the {@code meta=} JWT. */
  public static String safeLocation(String location) {
    int kid = location.indexOf("kid=");
    if (kid >= 0) {
      int end = location.indexOf('&', kid);
      return end >= 0 ? location.substring(0, end) : location;
    }
    int query = location.indexOf('?');
    return query >= 0 ? location.substring(0, query) : location;
  }
}
