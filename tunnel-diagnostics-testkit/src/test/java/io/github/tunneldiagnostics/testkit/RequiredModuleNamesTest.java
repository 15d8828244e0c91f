package io.github.tunneldiagnostics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every module our library modules {@code require} has a name its authors declared: a JDK module, a jar with a
 * {@code module-info.class}, or one with an {@code Automatic-Module-Name}. A name derived from a jar's file
 * name changes with the file name; Maven warns "Required filename-based automodules detected … Please don't
 * publish this project", and a user's module path can break on it. RE2/J 1.8 was such a jar (hence
 * tunnel-diagnostics-re2j).
 */
class RequiredModuleNamesTest {

  private static final String OUR_PREFIX = "io.github.tunneldiagnostics.";

  @TempDir Path dir;

  @Test
  void everyModuleTheLibraryRequiresDeclaresItsName() {
    // given: our modules and every module the test class path provides (it holds all the library modules)
    List<Path> classPath = classPath();
    List<ModuleDescriptor> ours = modules(classPath).values().stream()
        .map(ModuleReference::descriptor)
        .filter(d -> d.name().startsWith(OUR_PREFIX) && !d.isAutomatic())
        .toList();

    // when
    List<String> problems = problems(ours, classPath);

    // then: the check saw the library modules (it cannot pass by finding nothing), and no unstable name
    assertThat(ours).extracting(ModuleDescriptor::name).contains(
        "io.github.tunneldiagnostics.api",
        "io.github.tunneldiagnostics.re2j",
        "io.github.tunneldiagnostics.core",
        "io.github.tunneldiagnostics.testkit");
    assertThat(problems).as("requires of our modules that name no declared module").isEmpty();
  }

  @Test
  void aJarNamedOnlyByItsFileIsReportedWithTheFix() throws IOException {
    // given: RE2/J 1.8's situation, a jar with neither module-info.class nor Automatic-Module-Name
    Path jar = jar("re2j-1.8.jar", null);
    ModuleDescriptor core = ModuleDescriptor.newModule("io.github.tunneldiagnostics.core").requires("re2j").build();

    // when
    List<String> problems = problems(List.of(core), List.of(jar));

    // then
    assertThat(problems).containsExactly("io.github.tunneldiagnostics.core requires re2j, a name derived from the file name of "
        + jar + " (it has no module-info.class and no Automatic-Module-Name in its manifest). Such a name changes with"
        + " the file name, and Maven warns not to publish a module that requires one (\"Required filename-based"
        + " automodules detected\"). Fix: depend on a release of that library that declares its module name, or carry it"
        + " relocated with a module-info of ours, as tunnel-diagnostics-re2j carries RE2/J.");
  }

  @Test
  void aJarWithAnAutomaticModuleNameAndAJdkModuleAreAccepted() throws IOException {
    // given
    Path jar = jar("some-library-2.0.jar", "org.example.library");
    ModuleDescriptor core = ModuleDescriptor.newModule("io.github.tunneldiagnostics.core")
        .requires("org.example.library").requires("java.net.http").build();

    // when
    List<String> problems = problems(List.of(core), List.of(jar));

    // then
    assertThat(problems).isEmpty();
  }

  @Test
  void aModuleNothingProvidesIsReported() {
    // given
    ModuleDescriptor core = ModuleDescriptor.newModule("io.github.tunneldiagnostics.core").requires("org.example.gone").build();

    // when
    List<String> problems = problems(List.of(core), List.of());

    // then
    assertThat(problems).containsExactly(
        "io.github.tunneldiagnostics.core requires org.example.gone, which neither the JDK nor any jar on the class path provides.");
  }

  /** One message per {@code requires} of {@code ours} that names no JDK module and no declared module name. */
  private static List<String> problems(List<ModuleDescriptor> ours, List<Path> classPath) {
    Map<String, ModuleReference> provided = modules(classPath);
    List<String> problems = new ArrayList<>();
    for (ModuleDescriptor module : ours) {
      for (ModuleDescriptor.Requires requires : module.requires()) {
        String name = requires.name();
        if (ModuleFinder.ofSystem().find(name).isPresent()) {
          continue;
        }
        ModuleReference reference = provided.get(name);
        if (reference == null) {
          problems.add(module.name() + " requires " + name + ", which neither the JDK nor any jar on the class path provides.");
        } else if (reference.descriptor().isAutomatic() && automaticModuleName(reference).isEmpty()) {
          problems.add(module.name() + " requires " + name + ", a name derived from the file name of " + location(reference)
              + " (it has no module-info.class and no Automatic-Module-Name in its manifest). Such a name changes with the"
              + " file name, and Maven warns not to publish a module that requires one (\"Required filename-based automodules"
              + " detected\"). Fix: depend on a release of that library that declares its module name, or carry it relocated"
              + " with a module-info of ours, as tunnel-diagnostics-re2j carries RE2/J.");
        }
      }
    }
    return problems;
  }

  /** The modules of the class path's jars and module directories, by name; the first of a name wins, as on a class path. */
  private static Map<String, ModuleReference> modules(List<Path> classPath) {
    Map<String, ModuleReference> modules = new LinkedHashMap<>();
    for (Path entry : classPath) {
      boolean jar = Files.isRegularFile(entry) && entry.getFileName().toString().endsWith(".jar");
      boolean moduleDirectory = Files.isDirectory(entry) && Files.isRegularFile(entry.resolve("module-info.class"));
      if (!jar && !moduleDirectory) {
        continue; // plain class directories (test classes) are no modules
      }
      try {
        ModuleFinder.of(entry).findAll().forEach(m -> modules.putIfAbsent(m.descriptor().name(), m));
      } catch (FindException e) {
        // a jar whose file name gives no valid module name: nothing can require it
      }
    }
    return modules;
  }

  private static Optional<String> automaticModuleName(ModuleReference reference) {
    try (JarFile jar = new JarFile(location(reference).toFile())) {
      Manifest manifest = jar.getManifest();
      return Optional.ofNullable(manifest == null ? null : manifest.getMainAttributes().getValue("Automatic-Module-Name"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path location(ModuleReference reference) {
    return Path.of(reference.location().orElseThrow());
  }

  private static List<Path> classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(s -> !s.isEmpty())
        .map(Path::of)
        .toList();
  }

  /** A jar holding one class file, with {@code automaticModuleName} in its manifest unless null. */
  private Path jar(String fileName, @Nullable String automaticModuleName) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (automaticModuleName != null) {
      manifest.getMainAttributes().putValue("Automatic-Module-Name", automaticModuleName);
    }
    Path jar = dir.resolve(fileName);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
      zip.putNextEntry(new ZipEntry("org/example/Example.class")); // a module finder reads entry names only
      zip.closeEntry();
    }
    return jar;
  }
}
