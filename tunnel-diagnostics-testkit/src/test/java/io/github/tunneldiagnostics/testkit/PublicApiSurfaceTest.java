package io.github.tunneldiagnostics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.api.Diagnosis;
import io.github.tunneldiagnostics.core.TunnelDiagnostics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type is a promise kept from 1.0 on (OkHttp's {@code PublicInternalApiTest}): this test fails
 * when a module exports another package, when a public type appears in a package that is neither exported
 * nor {@code internal}, or when a public signature of the API hands out an internal type.
 */
class PublicApiSurfaceTest {

  private static final Set<String> API_PACKAGES = Set.of(
      "io.github.tunneldiagnostics.api",
      "io.github.tunneldiagnostics.api.check",
      "io.github.tunneldiagnostics.api.ingress");
  private static final Set<String> CORE_PACKAGES = Set.of(
      "io.github.tunneldiagnostics.core",
      "io.github.tunneldiagnostics.core.fix",
      "io.github.tunneldiagnostics.core.report");
  private static final Set<String> TESTKIT_PACKAGES = Set.of(
      "io.github.tunneldiagnostics.testkit",
      "io.github.tunneldiagnostics.testkit.fake",
      "io.github.tunneldiagnostics.testkit.junit",
      "io.github.tunneldiagnostics.testkit.tck");

  @Test
  void apiExportsExactlyItsPublicPackages() {
    assertSurface(Diagnosis.class, API_PACKAGES);
  }

  @Test
  void coreExportsTheFacadeTheFixAndTheReportPackagesOnly() {
    assertSurface(TunnelDiagnostics.class, CORE_PACKAGES);
  }

  @Test
  void testkitExportsExactlyItsPublicPackages() {
    assertSurface(TunnelAssertions.class, TESTKIT_PACKAGES);
  }

  @Test
  void re2jExportsNothingToEveryone() throws ClassNotFoundException {
    // RE2/J relocated: exported to core only, so the testkit cannot name it; found by name on the class path
    assertSurface(Class.forName("io.github.tunneldiagnostics.re2j.internal.Pattern"), Set.of());
  }

  private static void assertSurface(Class<?> anchor, Set<String> allowed) {
    // given
    Path root = location(anchor);
    try (FileSystem jar = root.toString().endsWith(".jar") ? FileSystems.newFileSystem(root) : null) {
      Path classes = jar != null ? jar.getPath("/") : root;

      // when
      ModuleDescriptor descriptor = descriptor(classes);
      List<Class<?>> types = classNames(classes).stream().map(PublicApiSurfaceTest::load).toList();

      // then: the module exports exactly the allowed packages to everyone, and only internal ones to friends
      Set<String> exported = descriptor.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(exported).as("packages %s exports to everyone", descriptor.name()).isEqualTo(new TreeSet<>(allowed));
      List<String> qualified = descriptor.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
          .map(ModuleDescriptor.Exports::source).filter(p -> !p.contains(".internal")).toList();
      assertThat(qualified).as("qualified exports of %s outside .internal packages", descriptor.name()).isEmpty();

      // then: a public type lives in an exported package or in an internal one
      List<String> misplaced = types.stream()
          .filter(PublicApiSurfaceTest::isVisible)
          .filter(t -> !allowed.contains(t.getPackageName()) && !t.getPackageName().contains(".internal"))
          .map(Class::getName)
          .sorted()
          .toList();
      assertThat(misplaced).as("public types of %s outside its exported and internal packages", descriptor.name()).isEmpty();

      // then: no signature a user can reach names an internal type
      List<String> leaks = new ArrayList<>();
      types.stream()
          .filter(t -> allowed.contains(t.getPackageName()) && isVisible(t))
          .forEach(t -> leaks.addAll(internalTypesIn(t)));
      assertThat(leaks).as("public signatures of %s that name internal types", descriptor.name()).isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path location(Class<?> anchor) {
    try {
      return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ModuleDescriptor descriptor(Path classes) throws IOException {
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  private static List<String> classNames(Path classes) throws IOException {
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .map(p -> classes.relativize(p).toString())
          .filter(p -> p.endsWith(".class") && !p.endsWith("module-info.class") && !p.endsWith("package-info.class"))
          .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, PublicApiSurfaceTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Public, or protected inside a visible class, all the way out. */
  private static boolean isVisible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      int modifiers = t.getModifiers();
      if (!Modifier.isPublic(modifiers) && !(t.getDeclaringClass() != null && Modifier.isProtected(modifiers))) {
        return false;
      }
    }
    return !type.isAnonymousClass() && !type.isLocalClass() && !type.isSynthetic();
  }

  private static boolean isVisible(Member member) {
    return (Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers())) && !member.isSynthetic();
  }

  private static List<String> internalTypesIn(Class<?> type) {
    List<String> leaks = new ArrayList<>();
    List<Type> supertypes = new ArrayList<>(List.of(type.getGenericInterfaces()));
    if (type.getGenericSuperclass() != null) {
      supertypes.add(type.getGenericSuperclass());
    }
    supertypes.forEach(t -> collect(type.getName() + " extends/implements", t, leaks));
    for (Field field : type.getDeclaredFields()) {
      if (isVisible(field)) {
        collect(type.getName() + "." + field.getName(), field.getGenericType(), leaks);
      }
    }
    List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
    executables.addAll(List.of(type.getDeclaredConstructors()));
    for (Executable executable : executables) {
      if (!isVisible(executable)) {
        continue;
      }
      String where = type.getName() + "." + executable.getName();
      if (executable instanceof java.lang.reflect.Method method) {
        collect(where + " returns", method.getGenericReturnType(), leaks);
      }
      for (Type parameter : executable.getGenericParameterTypes()) {
        collect(where + " takes", parameter, leaks);
      }
      for (Type thrown : executable.getGenericExceptionTypes()) {
        collect(where + " throws", thrown, leaks);
      }
    }
    return leaks;
  }

  private static void collect(String where, Type type, List<String> leaks) {
    if (type instanceof Class<?> c) {
      Class<?> element = c;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      if (element.getPackageName().startsWith("io.github.tunneldiagnostics") && element.getPackageName().contains(".internal")) {
        leaks.add(where + " " + element.getName());
      }
    } else if (type instanceof ParameterizedType p) {
      collect(where, p.getRawType(), leaks);
      for (Type argument : p.getActualTypeArguments()) {
        collect(where, argument, leaks);
      }
    } else if (type instanceof GenericArrayType a) {
      collect(where, a.getGenericComponentType(), leaks);
    } else if (type instanceof WildcardType w) {
      for (Type bound : w.getUpperBounds()) {
        collect(where, bound, leaks);
      }
      for (Type bound : w.getLowerBounds()) {
        collect(where, bound, leaks);
      }
    } else if (type instanceof TypeVariable<?> v) {
      for (Type bound : v.getBounds()) {
        collect(where, bound, leaks);
      }
    }
  }
}
