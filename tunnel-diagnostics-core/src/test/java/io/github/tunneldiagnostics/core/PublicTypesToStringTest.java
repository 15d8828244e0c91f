package io.github.tunneldiagnostics.core;

import io.github.tunneldiagnostics.api.InvalidRouteUrlException;
import static io.github.tunneldiagnostics.core.SecretMarkers.ALL;
import static io.github.tunneldiagnostics.core.SecretMarkers.FORMS;
import static io.github.tunneldiagnostics.core.SecretMarkers.assertNoMarker;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.DiagnosisReport;
import io.github.tunneldiagnostics.api.check.Finding;
import io.github.tunneldiagnostics.api.check.FindingCode;
import io.github.tunneldiagnostics.api.check.Severity;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code toString} of every public type of the exported packages shows no secret. The types are
 * enumerated from the api and core jars (or class directories), so that a new public type is covered or
 * this test fails naming it. Records are built with a secret in every string and map; other types that
 * override {@code toString} have an instance built here with secrets in every value they take.
 */
class PublicTypesToStringTest {
  static final List<String> EXPORTED = List.of(
      "io.github.tunneldiagnostics.api", "io.github.tunneldiagnostics.api.check", "io.github.tunneldiagnostics.api.ingress",
      "io.github.tunneldiagnostics.core", "io.github.tunneldiagnostics.core.report", "io.github.tunneldiagnostics.core.fix");

  @TempDir Path temp;

  /** Instances of the public types that are not records, with secrets in what they hold. */
  private Map<Class<?>, Supplier<Object>> instances() {
    Map<Class<?>, Supplier<Object>> made = new LinkedHashMap<>();
    made.put(Finding.class, () -> Finding.builder(FindingCode.ORIGIN_HTTP_ERROR, Severity.ERROR).check("c").subject(ALL).message(ALL)
        .remediation(ALL).evidence(ALL, ALL).build());
    made.put(IngressRule.class, () -> rule());
    made.put(IngressModel.class, () -> IngressModel.builder().rules(List.of(rule())).build());
    made.put(OriginRequest.class, () -> OriginRequest.builder().httpHostHeader(FORMS.get(3)).originServerName(FORMS.get(0)).build());
    made.put(OriginRequestOverrides.class, () -> OriginRequestOverrides.builder().httpHostHeader(FORMS.get(3)).build());
    made.put(ConfigException.class, () -> new ConfigException(Finding.error(FindingCode.CONFIG_YAML_INVALID).check("config").subject(ALL).message(ALL).build()));
    made.put(InvalidRouteUrlException.class, () -> new InvalidRouteUrlException(ALL + " is not a valid URL"));
    made.put(io.github.tunneldiagnostics.api.RouteUrl.class,
        () -> io.github.tunneldiagnostics.api.RouteUrl.parse("https://alice:pwMARK8@app.example.com/?access_token=atMARK10x&sig=sgMARK11x"));
    made.put(io.github.tunneldiagnostics.api.Route.class, () -> io.github.tunneldiagnostics.api.Route.forUrl(
        io.github.tunneldiagnostics.api.RouteUrl.parse("https://alice:pwMARK8@app.example.com/?access_token=atMARK10x"), 0,
        "http://alice:pwMARK8@127.0.0.1:8080"));
    made.put(io.github.tunneldiagnostics.api.RouteReport.class, () -> new io.github.tunneldiagnostics.api.RouteReport(
        io.github.tunneldiagnostics.api.Route.forUrl(
            io.github.tunneldiagnostics.api.RouteUrl.parse("https://alice:pwMARK8@app.example.com/?access_token=atMARK10x"), 0,
            "http://alice:pwMARK8@127.0.0.1:8080"),
        io.github.tunneldiagnostics.api.Verdict.BROKEN));
    made.put(io.github.tunneldiagnostics.core.report.UrlMatch.class, () -> new io.github.tunneldiagnostics.core.report.UrlMatch(
        io.github.tunneldiagnostics.api.RouteUrl.parse("https://alice:pwMARK8@app.example.com/?access_token=atMARK10x"), rule(), false, rule()));
    made.put(TunnelDiagnostics.class, () -> TunnelDiagnostics.forModel(IngressModel.builder().rules(List.of(rule())).build())
        .url("https://app.example.com/?access_token=atMARK10x").metrics("127.0.0.1:20241"));
    made.put(CloudflareApiOptions.class, () -> CloudflareApiOptions.builder().token("cfut_MARK7abcdefghijklmnopqrstuvwxyz")
        .apiUrl(URI.create("https://alice:pwMARK8@api.example.test/client/v4")).build());
    made.put(PublicRouteOptions.class, () -> PublicRouteOptions.builder().resolve("app.example.com:443:127.0.0.1").build());
    made.put(DiagnosisReport.class, () -> DiagnosisReport.of(Instant.EPOCH, Duration.ZERO, null, List.of(),
        List.of(Finding.warning(FindingCode.CHECK_FAILED).check("c").subject(ALL).message(ALL).build())));
    made.put(io.github.tunneldiagnostics.api.check.Remedy.MoveRule.class, () -> new io.github.tunneldiagnostics.api.check.Remedy.MoveRule(1, 0, ALL));
    made.put(io.github.tunneldiagnostics.api.ingress.SourceLocation.class,
        () -> new io.github.tunneldiagnostics.api.ingress.SourceLocation("/etc/cloudflared/" + FORMS.get(3) + ".yml", 1, 1));
    made.put(ConnectorOptions.class, () -> new ConnectorOptions("127.0.0.1:20241", List.of("127.0.0.1:20242"), null, null,
        Duration.ofSeconds(1), Duration.ofSeconds(1), 4, null));
    made.put(io.github.tunneldiagnostics.core.fix.ConfigPatch.Refusal.class, () -> new io.github.tunneldiagnostics.core.fix.ConfigPatch.Refusal(
        new io.github.tunneldiagnostics.api.check.Remedy.SetService(0, "http://alice:pwMARK8@127.0.0.1:1", "http://alice:pwMARK8@127.0.0.1:2", ALL), ALL));
    made.put(CloudflareApiOptions.Builder.class, () -> CloudflareApiOptions.builder().token("cfut_MARK7abcdefghijklmnopqrstuvwxyz")
        .environment(Map.of("CLOUDFLARE_API_TOKEN", "cfut_MARK7abcdefghijklmnopqrstuvwxyz")));
    return made;
  }

  private static IngressRule rule() {
    return IngressRule.builder().index(0).hostname("app.example.com").path("token=tokMARK4value").service("http://alice:pwMARK8@127.0.0.1:8080").build();
  }

  @Test
  void noPublicTypeShowsASecretInItsToString() throws Exception {
    // given
    List<Class<?>> types = publicTypes();
    Map<Class<?>, Supplier<Object>> instances = instances();
    List<String> uncovered = new ArrayList<>();
    int checked = 0;

    for (Class<?> type : types) {
      if (type.isInterface() || type.isEnum() || Modifier.isAbstract(type.getModifiers()) || !overridesToString(type)) {
        continue; // no instance of its own, constants only, or Object's toString (which shows no state)
      }
      Object instance;
      if (instances.containsKey(type)) {
        instance = instances.get(type).get();
      } else if (type.isRecord()) {
        instance = record(type);
        if (instance == null) {
          uncovered.add(type.getName() + " (a record whose constructor refuses the secret values: add an instance to instances())");
          continue;
        }
      } else {
        uncovered.add(type.getName() + " (overrides toString: add an instance with secrets to instances())");
        continue;
      }

      // when / then
      assertNoMarker(type.getName() + ".toString()", instance.toString());
      checked++;
    }
    assertThat(uncovered).isEmpty();
    assertThat(checked).isGreaterThan(20);
  }

  private static boolean overridesToString(Class<?> type) {
    try {
      return type.getMethod("toString").getDeclaringClass() != Object.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** A record with a secret in every String, list of strings and map it takes; null when it refuses them. */
  private static Object record(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      args[i] = value(components[i].getType(), components[i].getGenericType());
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(args);
    } catch (ReflectiveOperationException | RuntimeException e) {
      for (int i = 0; i < args.length; i++) { // some fields must be of a shape: retry with a URL-shaped secret
        if (components[i].getType() == String.class) {
          args[i] = "https://alice:pwMARK8@app.example.com/?access_token=atMARK10x";
        }
      }
      try {
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return canonical.newInstance(args);
      } catch (ReflectiveOperationException | RuntimeException again) {
        return null;
      }
    }
  }

  private static Object value(Class<?> type, Type generic) {
    if (type == String.class) {
      return ALL;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == double.class) {
      return 0.0;
    }
    if (type == List.class || type == Set.class) {
      Type element = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
      List<Object> list = element == String.class ? new ArrayList<>(FORMS) : new ArrayList<>();
      return type == List.class ? list : Set.copyOf(list);
    }
    if (type == Map.class) {
      Type[] arguments = generic instanceof ParameterizedType p ? p.getActualTypeArguments() : new Type[0];
      if (arguments.length == 2 && arguments[0] == String.class && arguments[1] == String.class) {
        return Map.of(ALL, ALL, "authorization", FORMS.get(0));
      }
      return Map.of();
    }
    if (type == Optional.class) {
      return Optional.empty();
    }
    if (type == Duration.class) {
      return Duration.ofSeconds(1);
    }
    if (type == Instant.class) {
      return Instant.EPOCH;
    }
    if (type == Path.class) {
      return Path.of("/etc/cloudflared/creds.json");
    }
    if (type == URI.class) {
      return URI.create("https://alice:pwMARK8@app.example.com/?access_token=atMARK10x");
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    if (type.isRecord()) {
      return record(type);
    }
    if (type == IngressRule.class) {
      return rule();
    }
    if (type == IngressModel.class) {
      return IngressModel.builder().rules(List.of(rule())).build();
    }
    if (type == Finding.class) {
      return Finding.builder(FindingCode.ORIGIN_HTTP_ERROR, Severity.ERROR).check("c").subject(ALL).message(ALL).build();
    }
    return null;
  }

  /** Every public top-level and nested type of the exported packages, from the jars or class directories. */
  static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
    Set<String> names = new TreeSet<>();
    for (Class<?> anchor : List.of(Finding.class, TunnelDiagnostics.class)) {
      Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        collect(location, names);
      } else {
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
          collect(jar.getPath("/"), names);
        }
      }
    }
    List<Class<?>> types = new ArrayList<>();
    for (String name : names) {
      Class<?> type = Class.forName(name, false, PublicTypesToStringTest.class.getClassLoader());
      if (isPublicAllTheWay(type)) {
        types.add(type);
      }
    }
    return types;
  }

  private static void collect(Path root, Set<String> names) throws IOException {
    for (String pkg : EXPORTED) {
      Path dir = root.resolve(pkg.replace('.', '/'));
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        files.map(p -> p.getFileName().toString())
            .filter(f -> f.endsWith(".class") && !f.equals("package-info.class") && !f.equals("module-info.class"))
            .filter(f -> !f.matches(".*\\$[0-9].*")) // anonymous and local classes
            .forEach(f -> names.add(pkg + "." + f.substring(0, f.length() - ".class".length())));
      }
    }
  }

  private static boolean isPublicAllTheWay(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return !type.isSynthetic();
  }
}
