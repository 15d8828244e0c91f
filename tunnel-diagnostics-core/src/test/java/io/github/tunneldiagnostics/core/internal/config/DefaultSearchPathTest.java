package io.github.tunneldiagnostics.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultSearchPathTest {
  @TempDir Path home;

  private Path create(String relative) throws Exception {
    Path path = home.resolve(relative);
    Files.createDirectories(path.getParent());
    return Files.writeString(path, "ingress:\n  - service: http_status:404\n");
  }

  @Test
  void searchesCloudflaredsDirectoriesInOrder() {
    // when
    List<Path> directories = ConfigLoader.defaultDirectories(home);

    // then
    assertThat(directories)
        .containsExactly(home.resolve(".cloudflared"), home.resolve(".cloudflare-warp"), home.resolve("cloudflare-warp"),
            Path.of("/etc/cloudflared"), Path.of("/usr/local/etc/cloudflared"));
  }

  @Test
  void prefersConfigYmlOverConfigYamlInTheSameDirectory() throws Exception {
    // given
    create(".cloudflared/config.yaml");
    Path yml = create(".cloudflared/config.yml");

    // when / then
    assertThat(ConfigLoader.findDefault(List.of(home.resolve(".cloudflared")))).contains(yml);
  }

  @Test
  void anEarlierDirectoryWinsOverALaterOne() throws Exception {
    // given
    create("cloudflare-warp/config.yml");
    Path warp = create(".cloudflare-warp/config.yaml");

    // when / then
    assertThat(ConfigLoader.findDefault(ConfigLoader.defaultDirectories(home).subList(0, 3))).contains(warp);
  }

  @Test
  void aDirectoryNamedConfigYmlIsSkipped() throws Exception {
    // given
    Files.createDirectories(home.resolve(".cloudflared/config.yml"));
    Path yaml = create(".cloudflared/config.yaml");

    // when / then
    assertThat(ConfigLoader.findDefault(List.of(home.resolve(".cloudflared")))).contains(yaml);
  }

  @Test
  void findsNothingInAnEmptyHome() {
    // when / then
    assertThat(ConfigLoader.findDefault(ConfigLoader.defaultDirectories(home).subList(0, 3))).isEmpty();
  }

  @Test
  void thePublicHomeVariantFindsTheUsersConfig() throws Exception {
    // given
    Path yml = create(".cloudflared/config.yml");

    // when / then
    assertThat(ConfigLoader.findDefault(home)).contains(yml);
  }
}
