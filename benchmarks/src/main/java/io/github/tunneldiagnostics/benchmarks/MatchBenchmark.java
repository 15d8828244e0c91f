package io.github.tunneldiagnostics.benchmarks;

import io.github.tunneldiagnostics.api.ingress.ConfigSource;
import io.github.tunneldiagnostics.api.ingress.IngressModel;
import io.github.tunneldiagnostics.api.ingress.IngressRule;
import io.github.tunneldiagnostics.api.ingress.OriginRequest;
import io.github.tunneldiagnostics.api.ingress.OriginRequestOverrides;
import io.github.tunneldiagnostics.api.ingress.WarpRouting;
import io.github.tunneldiagnostics.core.internal.ingress.IngressMatcher;
import io.github.tunneldiagnostics.core.internal.ingress.LinearIngressMatcher;
import io.github.tunneldiagnostics.core.RuleMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ingress matching throughput: the indexed {@link IngressMatcher} against cloudflared's linear scan
 * ({@link LinearIngressMatcher}), one match per operation, at 10 to 10,000 rules.
 *
 * <p>Rules: 75% exact hostnames ({@code svcN.teamM.example.com}), 10% wildcards
 * ({@code *.zoneN.example.net}), 15% path rules ({@code apiN.example.com} with {@code ^/v1/}, or the regex {@code ^/(v1|beta)/}), and a
 * catch-all. Requests (4,096, cycled): 60% exact hits, 15% wildcard hits, 10% path rules (half of them
 * missing the path), 15% unknown hostnames; some carry a port. No network is involved.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MatchBenchmark -f 1 -wi 2 -w 1 -i 3 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatchBenchmark {

  @Param({"10", "100", "1000", "10000"})
  public int rules;

  private IngressMatcher indexed;
  private LinearIngressMatcher linear;
  private String[] hosts;
  private String[] paths;
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    List<String[]> specs = new ArrayList<>();
    List<String> exactHosts = new ArrayList<>();
    List<String> wildcardZones = new ArrayList<>();
    List<String> pathHosts = new ArrayList<>();
    for (int i = 0; i < rules - 1; i++) {
      int kind = i % 20;
      if (kind < 15) {
        String host = "svc" + i + ".team" + (i % 37) + ".example.com";
        exactHosts.add(host);
        specs.add(new String[] {host, "", "http://127.0.0.1:" + (8000 + i % 1000)});
      } else if (kind < 17) {
        String zone = "zone" + i + ".example.net";
        wildcardZones.add(zone);
        specs.add(new String[] {"*." + zone, "", "http://127.0.0.1:9000"});
      } else {
        String host = "api" + i + ".example.com";
        pathHosts.add(host);
        specs.add(new String[] {host, i % 2 == 0 ? "^/v1/" : "^/(v1|beta)/", "http://127.0.0.1:9100"});
      }
    }
    specs.add(new String[] {"", "", "http_status:404"});
    List<IngressRule> built = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      String[] s = specs.get(i);
      built.add(IngressRule.builder().index(i).hostname(s[0]).path(s[1]).service(s[2]).build());
    }
    IngressModel model = IngressModel.builder().source(ConfigSource.inline("benchmark")).rules(built).build();
    indexed = IngressMatcher.of(model);
    linear = LinearIngressMatcher.of(model);

    int count = 4096;
    hosts = new String[count];
    paths = new String[count];
    for (int i = 0; i < count; i++) {
      int dice = random.nextInt(100);
      String path = "/index.html";
      String host;
      if (dice < 60 && !exactHosts.isEmpty()) {
        host = exactHosts.get(random.nextInt(exactHosts.size()));
      } else if (dice < 75 && !wildcardZones.isEmpty()) {
        host = "node" + random.nextInt(50) + "." + wildcardZones.get(random.nextInt(wildcardZones.size()));
      } else if (dice < 85 && !pathHosts.isEmpty()) {
        host = pathHosts.get(random.nextInt(pathHosts.size()));
        path = random.nextBoolean() ? "/v1/users/42" : "/v2/users/42";
      } else {
        host = "unknown" + random.nextInt(1000) + ".example.org";
      }
      if (random.nextInt(10) == 0) {
        host = host + ":443";
      }
      hosts[i] = new String(host); // a fresh instance, as a request would carry
      paths[i] = path;
    }
  }

  private int advance() {
    int i = next;
    next = (i + 1) & (hosts.length - 1);
    return i;
  }

  @Benchmark
  public RuleMatch indexed() {
    int i = advance();
    return indexed.match(hosts[i], paths[i]);
  }

  @Benchmark
  public RuleMatch linear() {
    int i = advance();
    return linear.match(hosts[i], paths[i]);
  }
}
