package io.github.tunneldiagnostics.core.internal.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reload command, from a fake {@code /proc} holding one cloudflared process. */
class ReloadAdvisorTest {
  @TempDir Path proc;

  private ReloadAdvisor process(long pid, String cgroup, String... args) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(dir.resolve("cmdline"), String.join("\u0000", args) + "\u0000");
    Files.writeString(dir.resolve("cgroup"), cgroup);
    return new ReloadAdvisor(proc);
  }

  @Test
  void aSystemdUnitIsRestartedWithSystemctl() throws Exception {
    ReloadAdvisor advisor = process(812, "0::/system.slice/cloudflared.service\n",
        "/usr/bin/cloudflared", "--no-autoupdate", "--config", "/etc/cloudflared/config.yml", "tunnel", "run");

    assertThat(advisor.advise(Path.of("/etc/cloudflared/config.yml"), false)).isEqualTo(new Reload(Reload.Kind.SYSTEMD_UNIT,
        "cloudflared (pid 812) runs as the systemd unit cloudflared.service: systemctl restart cloudflared.service",
        List.of("systemctl", "restart", "cloudflared.service")));
  }

  @Test
  void aDockerContainerIsRestartedByItsId() throws Exception {
    ReloadAdvisor advisor = process(4242, "0::/system.slice/docker-3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e.scope\n",
        "cloudflared", "tunnel", "--config", "/etc/cloudflared/config.yml", "run");

    assertThat(advisor.advise(null, false)).isEqualTo(new Reload(Reload.Kind.DOCKER_CONTAINER,
        "cloudflared (pid 4242) runs in Docker container 3f4e5d6c7b8a: docker restart 3f4e5d6c7b8a",
        List.of("docker", "restart", "3f4e5d6c7b8a")));
  }

  @Test
  void aPlainProcessIsRestartedWithItsOwnCommandLineWithTheTokenHidden() throws Exception {
    ReloadAdvisor advisor = process(99, "0::/user.slice/user-1000.slice/session-3.scope\n",
        "/usr/local/bin/cloudflared", "tunnel", "--config", "/home/me/.cloudflared/config.yml", "run", "--token", "eyJhIjoic2VjcmV0In0");

    Reload reload = advisor.advise(Path.of("/home/me/.cloudflared/config.yml"), false);

    assertThat(reload).isEqualTo(new Reload(Reload.Kind.PLAIN_PROCESS,
        "cloudflared (pid 99) runs as a plain process: stop it and start it again with the same command: /usr/local/bin/cloudflared tunnel"
            + " --config /home/me/.cloudflared/config.yml run --token ****",
        List.of()));
    assertThat(reload.commandLine()).as("--reload never kills a process").isNull();
  }

  @Test
  void aRemotelyManagedTunnelIsChangedInTheDashboardOrApi() {
    Reload reload = new ReloadAdvisor(proc).advise(null, true);

    assertThat(reload.kind()).isEqualTo(Reload.Kind.REMOTELY_MANAGED);
    assertThat(reload.instruction()).isEqualTo("The tunnel is managed remotely: make the change in the Cloudflare dashboard (Zero Trust →"
        + " Networks → Tunnels → your tunnel → Public hostnames) or with the API (PUT /accounts/<account>/cfd_tunnel/<tunnel>/configurations);"
        + " the connector picks it up by itself, and its config file is never written.");
    assertThat(reload.command()).isEmpty();
  }

  @Test
  void noConnectorFound() {
    assertThat(new ReloadAdvisor(proc).advise(null, false)).isEqualTo(new Reload(Reload.Kind.NOT_FOUND,
        "No running cloudflared was found on this host; restart the connector where it runs so that it reads the new file.", List.of()));
  }

  @Test
  void aKubernetesPodNamesItsDeploymentAndNamespaceFromThePodsOwnEvidence() throws Exception {
    ReloadAdvisor advisor = process(5150, "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod0f1e2d3c_4b5a_6978_8a9b_0c1d2e3f4a5b.slice/"
        + "cri-containerd-9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b.scope\n", "cloudflared", "tunnel", "run");
    Files.write(proc.resolve("5150/environ"), "PATH=/usr/bin\u0000HOSTNAME=cloudflared-7d9f8b6c5d-x2k4q\u0000TUNNEL_TOKEN=eyJhIjoic2VjcmV0In0\u0000"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Path secrets = Files.createDirectories(proc.resolve("5150/root/var/run/secrets/kubernetes.io/serviceaccount"));
    Files.writeString(secrets.resolve("namespace"), "edge");

    Reload reload = advisor.advise(null, false);

    assertThat(reload).isEqualTo(new Reload(Reload.Kind.KUBERNETES_POD,
        "cloudflared (pid 5150) runs in Kubernetes pod cloudflared-7d9f8b6c5d-x2k4q: update the ConfigMap that holds the config, then run "
            + "kubectl rollout restart deployment/cloudflared -n edge (the deployment's name is the pod's without its two hash suffixes).",
        List.of()));
  }

  @Test
  void connectorChoosesAmongSeveralByPidOrContainerId() throws Exception {
    process(812, "0::/system.slice/cloudflared.service\n", "/usr/bin/cloudflared", "tunnel", "run");
    ReloadAdvisor advisor = process(4242, "0::/system.slice/docker-3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e.scope\n",
        "cloudflared", "tunnel", "run");

    assertThat(advisor.advise(null, false).kind()).as("two connectors, none chosen").isEqualTo(Reload.Kind.NOT_FOUND);
    assertThat(advisor.advise(null, false, "812").commandLine()).isEqualTo("systemctl restart cloudflared.service");
    assertThat(advisor.advise(null, false, "3f4e5d").commandLine()).isEqualTo("docker restart 3f4e5d6c7b8a");
    assertThat(advisor.advise(null, false, "9999")).isEqualTo(new Reload(Reload.Kind.NOT_FOUND,
        "No running cloudflared is process 9999 or runs in a container whose id starts with 9999; restart the connector where it runs so that "
            + "it reads the new file.", List.of()));
  }
}
