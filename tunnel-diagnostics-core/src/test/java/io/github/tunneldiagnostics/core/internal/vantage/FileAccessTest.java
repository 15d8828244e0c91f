package io.github.tunneldiagnostics.core.internal.vantage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Access as another user, from owner, group and mode (ORIGIN_PERMISSION_DENIED's evidence). */
class FileAccessTest {
  @TempDir Path temp;

  @Test
  void namesTheComponentTheConnectorsUserMayNotPass() throws Exception {
    // given: /srv/app/app.sock with srv/app searchable by its owner only
    Path app = Files.createDirectories(temp.resolve("srv/app"));
    Path socket = Files.createFile(app.resolve("app.sock"));
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(temp.resolve("srv"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
    int owner = (Integer) Files.getAttribute(app, "unix:uid");
    int group = (Integer) Files.getAttribute(app, "unix:gid");
    ContainerRoot root = new ContainerRoot(temp);
    ProcessIdentity stranger = new ProcessIdentity(owner + 4242, group + 4242, List.of());

    // when / then
    assertThat(FileAccess.check(root, "/srv/app/app.sock", stranger, true))
        .contains(new FileAccess.Denial("/srv/app", "search", owner, group, "rwx------"));

    Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rwxr-x--x"));
    assertThat(FileAccess.check(root, "/srv/app/app.sock", stranger, true))
        .contains(new FileAccess.Denial("/srv/app/app.sock", "write", owner, group, "rw-rw----"));
    assertThat(FileAccess.check(root, "/srv/app/app.sock", new ProcessIdentity(owner + 4242, group + 4242, List.of(group)), true)).isEmpty();
    assertThat(FileAccess.check(root, "/srv/app/app.sock", new ProcessIdentity(0, 0, List.of()), true)).isEmpty();
    assertThat(FileAccess.check(root, "/srv/app/missing.sock", stranger, true)).isEmpty();
    assertThat(new FileAccess.Denial("/srv/app/app.sock", "write", 0, 0, "rw-rw----").describe())
        .isEqualTo("/srv/app/app.sock (owner 0, group 0, mode rw-rw----)");
  }
}
