package io.github.tunneldiagnostics.core.internal.probe;

import io.github.tunneldiagnostics.api.check.Resolver;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * What every route's probe of one {@link OriginCheck} run shares: the model (so that a fix never points at
 * another rule's port), the settings, the threads, one read of the socket table and one set of trust roots.
 */
record ProbeRun(
    IngressModel model,
    ProbeSettings settings,
    Clock clock,
    Resolver resolver,
    ExecutorService executor,
    Watchdog watchdog,
    TcpDialer dialer,
    TlsHandshake tls,
    HttpExchange http,
    Once<SocketTable.Snapshot> sockets,
    Once<TrustRoots> roots) {}
