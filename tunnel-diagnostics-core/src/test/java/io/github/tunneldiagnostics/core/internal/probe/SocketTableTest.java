package io.github.tunneldiagnostics.core.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketTableTest {
  @TempDir Path proc;

  @Test
  void readsListeningSocketsFromProcNetFiles() throws Exception {
    // given
    Files.writeString(proc.resolve("tcp"), """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 11111 1 0000000000000000 100 0 0 10 0
           1: 00000000:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 22222 1 0000000000000000 100 0 0 10 0
           2: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 33333 1 0000000000000000 20 4 30 10 -1
        """);
    Files.writeString(proc.resolve("tcp6"), """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000001000000:1F92 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 44444 1 0000000000000000 100 0 0 10 0
           1: 00000000000000000000000000000000:1F93 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 55555 1 0000000000000000 100 0 0 10 0
           2: 0000000000000000FFFF00000100007F:1F94 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 66666 1 0000000000000000 100 0 0 10 0
        """);
    Files.writeString(proc.resolve("unix"), """
        Num       RefCount Protocol Flags    Type St Inode Path
        0000000000000000: 00000002 00000000 00010000 0001 01 12345 /run/app.sock
        0000000000000000: 00000003 00000000 00000000 0001 03 12346 /run/client.sock
        0000000000000000: 00000002 00000000 00010000 0001 01 12347 @abstract-name
        0000000000000000: 00000002 00000000 00000000 0002 01 12348
        """);

    // when
    SocketTable.Snapshot snapshot = SocketTable.at(proc).read();

    // then
    assertThat(snapshot.available()).isTrue();
    assertThat(snapshot.tcp()).extracting(TcpListener::describe).containsExactly(
        "127.0.0.1:8080", "0.0.0.0:8081 (all IPv4 interfaces)", "[::1]:8082", "[::]:8083 (all interfaces)", "127.0.0.1:8084");
    assertThat(snapshot.tcp().get(4).fromTcp6()).isTrue();
    assertThat(snapshot.tcp()).extracting(TcpListener::inode).containsExactly(11111L, 22222L, 44444L, 55555L, 66666L);
    assertThat(snapshot.unixPaths()).containsExactly("/run/app.sock", "@abstract-name");
    assertThat(snapshot.onPort(8080)).hasSize(1);
  }

  @Test
  void wildcardListenersAcceptTheirFamily() throws Exception {
    // given
    TcpListener anyV4 = new TcpListener(InetAddress.getByName("0.0.0.0"), 80, false);
    TcpListener anyV6 = new TcpListener(InetAddress.getByName("::"), 80, true);
    TcpListener loopback = new TcpListener(InetAddress.getByName("127.0.0.1"), 80, false);

    // then
    assertThat(anyV4.accepts(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(anyV4.accepts(InetAddress.getByName("::1"))).isFalse();
    assertThat(anyV6.accepts(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(loopback.accepts(InetAddress.getByName("::1"))).isFalse();
  }

  @Test
  void missingFilesGiveAnEmptyUnavailableSnapshot() {
    // when
    SocketTable.Snapshot snapshot = SocketTable.at(proc.resolve("absent")).read();

    // then
    assertThat(snapshot.available()).isFalse();
    assertThat(snapshot.tcp()).isEmpty();
  }
}
